/**
 * The PostgreSQL {@link Store}, for running several relay processes on one database. The driver
 * is imported in `init`, so the embedded default never loads it.
 */
import type { Pool, PoolClient, QueryResultRow } from 'pg';
import { ParleyError } from '@parley/shared';
import type { CannedReply, Conversation, Message, Site, Visitor } from '@parley/shared';
import { pageOf } from './conversation-filter';
import { cleanPatch } from './conversation-patch';
import { CONVERSATION_ORDER, conversationConditions } from './postgres-conversation-query';
import {
  isUniqueViolation,
  json,
  toConversation,
  toMessage,
  type ConversationRow,
  type MessageRow,
} from './postgres-rows';
import { quoteSchema, schemaStatements } from './postgres-schema';
import type {
  AgentRecord,
  AppendResult,
  ConversationFilter,
  ConversationPatch,
  NewMessage,
  Store,
} from './store';

/** How to reach the database. */
export interface PostgresStoreOptions {
  connectionString: string;
  /** Schema holding Parley's tables, created if missing (default `public`). */
  schema?: string;
  /** Pool size (default 10). */
  maxConnections?: number;
  /** Told about errors of idle pooled connections (e.g. the server restarted); the pool replaces them. */
  onIdleError?: (error: Error) => void;
}

/** Column and SQL type of each field `updateConversation` may change. */
const PATCH_COLUMNS: Record<keyof ConversationPatch, [column: string, type: string]> = {
  status: ['status', 'text'],
  agentId: ['agent_id', 'text'],
  tags: ['tags', 'text[]'],
  seen: ['seen', 'jsonb'],
  queuedAt: ['queued_at', 'timestamptz'],
  assignedAt: ['assigned_at', 'timestamptz'],
  firstResponseAt: ['first_response_at', 'timestamptz'],
  lastMessageAt: ['last_message_at', 'timestamptz'],
  closedAt: ['closed_at', 'timestamptz'],
  closedBy: ['closed_by', 'text'],
  rating: ['rating', 'jsonb'],
};

/** Signals, inside the append transaction, that the clientId was already stored. */
class DuplicateClientId extends Error {}

/** A {@link Store} on PostgreSQL through a `pg` Pool. */
export class PostgresStore implements Store {
  readonly #options: PostgresStoreOptions;
  /** The quoted schema name, spliced into every statement. */
  readonly #s: string;
  #pool: Pool | null = null;

  constructor(options: PostgresStoreOptions) {
    this.#options = options;
    this.#s = quoteSchema(options.schema ?? 'public');
  }

  async init(): Promise<void> {
    const { Pool } = await import('pg');
    const pool = new Pool({
      connectionString: this.#options.connectionString,
      max: this.#options.maxConnections ?? 10,
    });
    // Without a listener an idle connection's error would crash the process.
    pool.on('error', (error) => this.#options.onIdleError?.(error));
    this.#pool = pool;
    await this.#transaction(async (client) => {
      // Several relays may start at once; CREATE ... IF NOT EXISTS is not safe against itself.
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
        `parley-schema:${this.#s}`,
      ]);
      for (const statement of schemaStatements(this.#s)) await client.query(statement);
    });
  }

  async close(): Promise<void> {
    const pool = this.#pool;
    this.#pool = null;
    await pool?.end();
  }

  async createSite(site: Site): Promise<Site> {
    const sql = `INSERT INTO ${this.#s}.sites (id, created_at, data) VALUES ($1, $2, $3) RETURNING data`;
    const rows = await this.#query<{ data: Site }>(sql, [
      site.id,
      site.createdAt,
      json(site),
    ]).catch(conflictOn('sites_pkey', `site ${site.id} exists`));
    return rows[0]!.data;
  }

  async getSite(id: string): Promise<Site | null> {
    const rows = await this.#query<{ data: Site }>(
      `SELECT data FROM ${this.#s}.sites WHERE id = $1`,
      [id],
    );
    return rows[0]?.data ?? null;
  }

  async listSites(): Promise<Site[]> {
    const sql = `SELECT data FROM ${this.#s}.sites ORDER BY created_at, id COLLATE "C"`;
    return (await this.#query<{ data: Site }>(sql, [])).map((row) => row.data);
  }

  async updateSite(site: Site): Promise<Site> {
    const sql = `UPDATE ${this.#s}.sites SET created_at = $2, data = $3 WHERE id = $1 RETURNING data`;
    const rows = await this.#query<{ data: Site }>(sql, [site.id, site.createdAt, json(site)]);
    if (!rows[0]) throw new ParleyError('NOT_FOUND', `no site ${site.id}`);
    return rows[0].data;
  }

  async createAgent(agent: AgentRecord): Promise<AgentRecord> {
    const sql = `INSERT INTO ${this.#s}.agents (id, email_key, created_at, data) VALUES ($1, $2, $3, $4)
      RETURNING data`;
    const params = [agent.id, agent.email.toLowerCase(), agent.createdAt, json(agent)];
    const rows = await this.#query<{ data: AgentRecord }>(sql, params)
      .catch(emailTaken(agent.email))
      .catch(conflictOn('agents_pkey', `agent ${agent.id} exists`));
    return rows[0]!.data;
  }

  async getAgent(id: string): Promise<AgentRecord | null> {
    const sql = `SELECT data FROM ${this.#s}.agents WHERE id = $1`;
    return (await this.#query<{ data: AgentRecord }>(sql, [id]))[0]?.data ?? null;
  }

  async getAgentByEmail(email: string): Promise<AgentRecord | null> {
    const sql = `SELECT data FROM ${this.#s}.agents WHERE email_key = $1`;
    return (await this.#query<{ data: AgentRecord }>(sql, [email.toLowerCase()]))[0]?.data ?? null;
  }

  async listAgents(): Promise<AgentRecord[]> {
    const sql = `SELECT data FROM ${this.#s}.agents ORDER BY created_at, id COLLATE "C"`;
    return (await this.#query<{ data: AgentRecord }>(sql, [])).map((row) => row.data);
  }

  async updateAgent(agent: AgentRecord): Promise<AgentRecord> {
    const sql = `UPDATE ${this.#s}.agents SET email_key = $2, created_at = $3, data = $4 WHERE id = $1
      RETURNING data`;
    const params = [agent.id, agent.email.toLowerCase(), agent.createdAt, json(agent)];
    const rows = await this.#query<{ data: AgentRecord }>(sql, params).catch(
      emailTaken(agent.email),
    );
    if (!rows[0]) throw new ParleyError('NOT_FOUND', `no agent ${agent.id}`);
    return rows[0].data;
  }

  async saveVisitor(visitor: Visitor): Promise<Visitor> {
    const sql = `INSERT INTO ${this.#s}.visitors (id, site_id, data) VALUES ($1, $2, $3)
      ON CONFLICT (id) DO UPDATE SET site_id = EXCLUDED.site_id, data = EXCLUDED.data RETURNING data`;
    const rows = await this.#query<{ data: Visitor }>(sql, [
      visitor.id,
      visitor.siteId,
      json(visitor),
    ]);
    return rows[0]!.data;
  }

  async getVisitor(id: string): Promise<Visitor | null> {
    const sql = `SELECT data FROM ${this.#s}.visitors WHERE id = $1`;
    return (await this.#query<{ data: Visitor }>(sql, [id]))[0]?.data ?? null;
  }

  async createConversation(c: Conversation): Promise<Conversation> {
    const sql = `INSERT INTO ${this.#s}.conversations (id, site_id, visitor_id, kind, status, agent_id,
        tags, last_seq, seen, created_at, queued_at, assigned_at, first_response_at, last_message_at,
        closed_at, closed_by, rating)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) RETURNING *`;
    const params = [
      c.id,
      c.siteId,
      c.visitorId,
      c.kind,
      c.status,
      c.agentId,
      c.tags,
      c.lastSeq,
      json(c.seen),
      c.createdAt,
      c.queuedAt,
      c.assignedAt,
      c.firstResponseAt,
      c.lastMessageAt,
      c.closedAt,
      c.closedBy,
      json(c.rating),
    ];
    const rows = await this.#query<ConversationRow>(sql, params).catch(
      conflictOn('conversations_pkey', `conversation ${c.id} exists`),
    );
    return toConversation(rows[0]!);
  }

  async getConversation(id: string): Promise<Conversation | null> {
    const sql = `SELECT * FROM ${this.#s}.conversations WHERE id = $1`;
    const row = (await this.#query<ConversationRow>(sql, [id]))[0];
    return row ? toConversation(row) : null;
  }

  async updateConversation(id: string, patch: ConversationPatch): Promise<Conversation> {
    const params: unknown[] = [id];
    const assignments = Object.entries(cleanPatch(patch)).map(([key, value]) => {
      const [column, type] = PATCH_COLUMNS[key as keyof ConversationPatch];
      params.push(type === 'jsonb' ? json(value) : value);
      return `${column} = $${params.length}::${type}`;
    });
    const sql =
      assignments.length > 0
        ? `UPDATE ${this.#s}.conversations SET ${assignments.join(', ')} WHERE id = $1 RETURNING *`
        : `SELECT * FROM ${this.#s}.conversations WHERE id = $1`;
    const row = (await this.#query<ConversationRow>(sql, params))[0];
    if (!row) throw new ParleyError('NOT_FOUND', `no conversation ${id}`);
    return toConversation(row);
  }

  async listConversations(
    filter: ConversationFilter,
  ): Promise<{ items: Conversation[]; total: number }> {
    const { limit, offset } = pageOf(filter);
    const { where, params } = conversationConditions(filter, this.#s);
    const from = `FROM ${this.#s}.conversations c WHERE ${where}`;
    const n = params.length;
    const [rows, counts] = await Promise.all([
      this.#query<ConversationRow>(
        `SELECT c.* ${from} ORDER BY ${CONVERSATION_ORDER} LIMIT $${n + 1} OFFSET $${n + 2}`,
        [...params, limit, offset],
      ),
      this.#query<{ total: string }>(`SELECT count(*) AS total ${from}`, params),
    ]);
    return { items: rows.map(toConversation), total: Number(counts[0]?.total ?? 0) };
  }

  async listOpenConversations(): Promise<Conversation[]> {
    const sql = `SELECT * FROM ${this.#s}.conversations c WHERE status <> 'closed'
      ORDER BY created_at, id COLLATE "C"`;
    return (await this.#query<ConversationRow>(sql, [])).map(toConversation);
  }

  async appendMessage(m: NewMessage): Promise<AppendResult> {
    try {
      const message = await this.#transaction(async (client) => {
        // The row lock taken by this UPDATE serialises appends to one conversation.
        const bumped = await client.query<{ last_seq: number }>(
          `UPDATE ${this.#s}.conversations SET last_seq = last_seq + 1, last_message_at = $2
            WHERE id = $1 RETURNING last_seq`,
          [m.conversationId, m.createdAt],
        );
        const seq = bumped.rows[0]?.last_seq;
        if (seq === undefined)
          throw new ParleyError('NOT_FOUND', `no conversation ${m.conversationId}`);
        const inserted = await client
          .query<MessageRow>(
            `INSERT INTO ${this.#s}.messages (conversation_id, seq, id, client_id, author, agent_id,
              author_name, internal, text, created_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING *`,
            [
              m.conversationId,
              seq,
              m.id,
              m.clientId,
              m.author,
              m.agentId,
              m.authorName,
              m.internal,
              m.text,
              m.createdAt,
            ],
          )
          .catch((error: unknown) => {
            if (isUniqueViolation(error, 'messages_client_id_key')) throw new DuplicateClientId();
            throw error;
          });
        return toMessage(inserted.rows[0]!);
      });
      return { message, duplicate: false };
    } catch (error) {
      if (!(error instanceof DuplicateClientId)) throw error;
      // The rollback undid the seq bump; the first copy is committed, so it is there to read.
      const sql = `SELECT * FROM ${this.#s}.messages WHERE conversation_id = $1 AND client_id = $2`;
      const row = (await this.#query<MessageRow>(sql, [m.conversationId, m.clientId]))[0]!;
      return { message: toMessage(row), duplicate: true };
    }
  }

  async listMessages(
    conversationId: string,
    options: { afterSeq?: number; limit?: number } = {},
  ): Promise<Message[]> {
    const sql = `SELECT * FROM ${this.#s}.messages WHERE conversation_id = $1 AND seq > $2
      ORDER BY seq LIMIT $3`;
    const limit = options.limit === undefined ? null : Math.max(0, options.limit);
    const rows = await this.#query<MessageRow>(sql, [conversationId, options.afterSeq ?? 0, limit]);
    return rows.map(toMessage);
  }

  async lastMessage(conversationId: string): Promise<Message | null> {
    const sql = `SELECT * FROM ${this.#s}.messages WHERE conversation_id = $1 ORDER BY seq DESC LIMIT 1`;
    const row = (await this.#query<MessageRow>(sql, [conversationId]))[0];
    return row ? toMessage(row) : null;
  }

  async listCannedReplies(siteId: string): Promise<CannedReply[]> {
    const sql = `SELECT data FROM ${this.#s}.canned_replies WHERE site_id = $1
      ORDER BY shortcut COLLATE "C", id COLLATE "C"`;
    return (await this.#query<{ data: CannedReply }>(sql, [siteId])).map((row) => row.data);
  }

  async saveCannedReply(reply: CannedReply): Promise<CannedReply> {
    return this.#transaction(async (client) => {
      await client.query(
        `DELETE FROM ${this.#s}.canned_replies WHERE site_id = $1 AND shortcut = $2 AND id <> $3`,
        [reply.siteId, reply.shortcut, reply.id],
      );
      const saved = await client.query<{ data: CannedReply }>(
        `INSERT INTO ${this.#s}.canned_replies (id, site_id, shortcut, data) VALUES ($1, $2, $3, $4)
          ON CONFLICT (id) DO UPDATE SET site_id = EXCLUDED.site_id, shortcut = EXCLUDED.shortcut,
            data = EXCLUDED.data
          RETURNING data`,
        [reply.id, reply.siteId, reply.shortcut, json(reply)],
      );
      return saved.rows[0]!.data;
    });
  }

  async deleteCannedReply(siteId: string, id: string): Promise<void> {
    const sql = `DELETE FROM ${this.#s}.canned_replies WHERE site_id = $1 AND id = $2 RETURNING id`;
    const rows = await this.#query<{ id: string }>(sql, [siteId, id]);
    if (rows.length === 0)
      throw new ParleyError('NOT_FOUND', `no canned reply ${id} on site ${siteId}`);
  }

  async getSetting(key: string): Promise<string | null> {
    const sql = `SELECT value FROM ${this.#s}.settings WHERE key = $1`;
    return (await this.#query<{ value: string }>(sql, [key]))[0]?.value ?? null;
  }

  async setSetting(key: string, value: string): Promise<void> {
    await this.#query(
      `INSERT INTO ${this.#s}.settings (key, value) VALUES ($1, $2)
        ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`,
      [key, value],
    );
  }

  #requirePool(): Pool {
    if (!this.#pool) throw new Error('PostgresStore is not open');
    return this.#pool;
  }

  async #query<R extends QueryResultRow>(sql: string, params: unknown[]): Promise<R[]> {
    return (await this.#requirePool().query<R>(sql, params)).rows;
  }

  async #transaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.#requirePool().connect();
    let broken = false;
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      // A failed ROLLBACK means the connection itself is gone: drop it from the pool below.
      await client.query('ROLLBACK').catch(() => {
        broken = true;
      });
      throw error;
    } finally {
      client.release(broken);
    }
  }
}

/** Turns a unique violation of `constraint` into CONFLICT; other errors pass through. */
function conflictOn(constraint: string, message: string): (error: unknown) => never {
  return (error) => {
    if (isUniqueViolation(error, constraint)) throw new ParleyError('CONFLICT', message);
    throw error;
  };
}

/** Turns a unique violation of the agent email key into EMAIL_TAKEN; other errors pass through. */
function emailTaken(email: string): (error: unknown) => never {
  return (error) => {
    if (isUniqueViolation(error, 'agents_email_key')) {
      throw new ParleyError('EMAIL_TAKEN', `${email} belongs to another agent`);
    }
    throw error;
  };
}
