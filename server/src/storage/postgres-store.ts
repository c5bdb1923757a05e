/**
 * The PostgreSQL {@link Store}, for running several relay processes on one database. The driver
 * is imported in `init`, so the embedded default never loads it.
 */
import { PostgresFileStore } from '../files/postgres-file-store';
import { ParleyError } from '@parley/shared';
import type { AuditEntry, CannedReply, Conversation, Message, Site, Visitor } from '@parley/shared';
import { pageOf } from './conversation-filter';
import { cleanPatch } from './conversation-patch';
import {
  CONVERSATION_ORDER,
  conversationAssignments,
  conversationConditions,
} from './postgres-conversation-query';
import {
  PostgresDatabase,
  ReadOnlyDatabase,
  type PostgresDatabaseOptions,
} from './postgres-database';
import { conflictOn, emailTaken } from './postgres-errors';
import { appendAuditEntry, listAuditEntries } from './postgres-audit';
import { claimMail, enqueueMail, listMailOf, settleMail } from './postgres-outbox';
import { appendMessage, lastMessage, latestMatch, listMessages } from './postgres-messages';
import { PostgresAssignments } from './postgres-assignment';
import type { ConversationDecision } from './conversation-transitions';
import { cleanAgentPatch, visitorScalars } from './record-patches';
import { json, toConversation, type ConversationRow } from './postgres-rows';
import { reportAggregates } from './postgres-report';
import { quoteSchema, schemaStatements } from './postgres-schema';
import type {
  AgentPatch,
  AgentRecord,
  AppendOptions,
  AppendResult,
  AssignOptions,
  AuditFilter,
  ChangedConversation,
  ConversationFilter,
  ConversationPatch,
  MailOutcome,
  NewMessage,
  OutboxMail,
  RoutingCandidate,
  StartedChat,
  Store,
  StoreHealth,
  VisitorPatch,
} from './store';
import type { ReportAggregates, ReportScope } from '../reports/report-aggregates';

/** How to reach the database, and where in it Parley's tables live. */
export interface PostgresStoreOptions extends PostgresDatabaseOptions {
  /** Schema holding Parley's tables, created if missing (default `public`). */
  schema?: string;
}

/** How long a health check waits for `SELECT 1`. */
const HEALTH_TIMEOUT_MS = 2_000;

/** A {@link Store} on PostgreSQL through a `pg` Pool. */
export class PostgresStore implements Store {
  readonly #options: PostgresStoreOptions;
  /** The quoted schema name, spliced into every statement. */
  readonly #s: string;
  #database: PostgresDatabase | null = null;
  readonly #assignments: PostgresAssignments;
  readonly files: PostgresFileStore;

  constructor(options: PostgresStoreOptions) {
    this.#options = options;
    this.#s = quoteSchema(options.schema ?? 'public');
    this.#assignments = new PostgresAssignments(() => this.#db, this.#s);
    this.files = new PostgresFileStore(() => this.#db, this.#s);
  }

  async init(): Promise<void> {
    const db = await PostgresDatabase.open(this.#options);
    this.#database = db;
    await db.transaction(async (client) => {
      // Several relays may start at once; CREATE ... IF NOT EXISTS is not safe against itself.
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
        `parley-schema:${this.#s}`,
      ]);
      for (const statement of schemaStatements(this.#s)) await client.query(statement);
      await this.files.init(client);
    });
  }

  async health(): Promise<StoreHealth> {
    if (!this.#database) return { ok: false, reason: 'the PostgreSQL store is not open' };
    try {
      await this.#database.ping(HEALTH_TIMEOUT_MS);
      return { ok: true };
    } catch (error) {
      if (error instanceof ReadOnlyDatabase) return { ok: false, reason: error.message };
      const detail = error instanceof Error ? error.message : String(error);
      return { ok: false, reason: `PostgreSQL is unreachable: ${detail || 'no answer'}` };
    }
  }

  async close(): Promise<void> {
    const db = this.#database;
    this.#database = null;
    await db?.end();
  }

  async createSite(site: Site): Promise<Site> {
    const sql = `INSERT INTO ${this.#s}.sites (id, created_at, data) VALUES ($1, $2, $3) RETURNING data`;
    const rows = await this.#db
      .query<{ data: Site }>(sql, [site.id, site.createdAt, json(site)])
      .catch(conflictOn('sites_pkey', `site ${site.id} exists`));
    return rows[0]!.data;
  }

  async getSite(id: string): Promise<Site | null> {
    const rows = await this.#db.query<{ data: Site }>(
      `SELECT data FROM ${this.#s}.sites WHERE id = $1`,
      [id],
    );
    return rows[0]?.data ?? null;
  }

  async listSites(): Promise<Site[]> {
    const sql = `SELECT data FROM ${this.#s}.sites ORDER BY created_at, id COLLATE "C"`;
    return (await this.#db.query<{ data: Site }>(sql, [])).map((row) => row.data);
  }

  async updateSite(site: Site): Promise<Site> {
    const sql = `UPDATE ${this.#s}.sites SET created_at = $2, data = $3 WHERE id = $1 RETURNING data`;
    const rows = await this.#db.query<{ data: Site }>(sql, [site.id, site.createdAt, json(site)]);
    if (!rows[0]) throw new ParleyError('NOT_FOUND', `no site ${site.id}`);
    return rows[0].data;
  }

  async createAgent(agent: AgentRecord): Promise<AgentRecord> {
    const sql = `INSERT INTO ${this.#s}.agents (id, email_key, created_at, data) VALUES ($1, $2, $3, $4)
      RETURNING data`;
    const params = [agent.id, agent.email.toLowerCase(), agent.createdAt, json(agent)];
    const rows = await this.#db
      .query<{ data: AgentRecord }>(sql, params)
      .catch(emailTaken(agent.email))
      .catch(conflictOn('agents_pkey', `agent ${agent.id} exists`));
    return rows[0]!.data;
  }

  async getAgent(id: string): Promise<AgentRecord | null> {
    const sql = `SELECT data FROM ${this.#s}.agents WHERE id = $1`;
    return (await this.#db.query<{ data: AgentRecord }>(sql, [id]))[0]?.data ?? null;
  }

  async getAgentByEmail(email: string): Promise<AgentRecord | null> {
    const sql = `SELECT data FROM ${this.#s}.agents WHERE email_key = $1`;
    return (
      (await this.#db.query<{ data: AgentRecord }>(sql, [email.toLowerCase()]))[0]?.data ?? null
    );
  }

  async listAgents(): Promise<AgentRecord[]> {
    const sql = `SELECT data FROM ${this.#s}.agents ORDER BY created_at, id COLLATE "C"`;
    return (await this.#db.query<{ data: AgentRecord }>(sql, [])).map((row) => row.data);
  }

  async updateAgent(agent: AgentRecord): Promise<AgentRecord> {
    const sql = `UPDATE ${this.#s}.agents SET email_key = $2, created_at = $3, data = $4 WHERE id = $1
      RETURNING data`;
    const params = [agent.id, agent.email.toLowerCase(), agent.createdAt, json(agent)];
    const rows = await this.#db
      .query<{ data: AgentRecord }>(sql, params)
      .catch(emailTaken(agent.email));
    if (!rows[0]) throw new ParleyError('NOT_FOUND', `no agent ${agent.id}`);
    return rows[0].data;
  }

  reportAggregates(scope: ReportScope): Promise<ReportAggregates> {
    return reportAggregates(this.#db, this.#s, scope);
  }

  async patchAgent(id: string, patch: AgentPatch, at?: string): Promise<AgentRecord> {
    const clean = cleanAgentPatch(patch);
    const s = this.#s;
    return this.#db
      .transaction(async (client) => {
        // The row lock orders concurrent patches: each compares its status with the one the
        // patch before it wrote, so the history records every real change and nothing else.
        const locked = await client.query<{ status: string }>(
          `SELECT data->>'status' AS status FROM ${s}.agents WHERE id = $1 FOR UPDATE`,
          [id],
        );
        if (!locked.rows[0]) throw new ParleyError('NOT_FOUND', `no agent ${id}`);
        // `||` replaces the given keys of the stored document; the token version is bumped from
        // the stored value, so two revocations at once both count.
        const updated = await client.query<{ data: AgentRecord }>(
          `UPDATE ${s}.agents SET data = data || $2::jsonb
              || CASE WHEN $4 THEN jsonb_build_object('tokenVersion',
                   coalesce((data->>'tokenVersion')::int, 0) + 1) ELSE '{}'::jsonb END,
            email_key = coalesce($3, email_key) WHERE id = $1 RETURNING data`,
          [id, json(clean), clean.email?.toLowerCase() ?? null, patch.revokeTokens ?? false],
        );
        if (clean.status !== undefined && clean.status !== locked.rows[0].status) {
          await client.query(
            `INSERT INTO ${s}.agent_status_log (agent_id, at, status) VALUES ($1, $2, $3)`,
            [id, at ?? new Date().toISOString(), clean.status],
          );
        }
        return updated.rows[0]!.data;
      })
      .catch(emailTaken(clean.email ?? ''));
  }

  async deleteAgent(id: string): Promise<void> {
    return this.#db.transaction(async (client) => {
      const rows = await client.query(`DELETE FROM ${this.#s}.agents WHERE id = $1 RETURNING id`, [
        id,
      ]);
      if (rows.rows.length === 0) throw new ParleyError('NOT_FOUND', `no agent ${id}`);
      await client.query(`DELETE FROM ${this.#s}.agent_status_log WHERE agent_id = $1`, [id]);
    });
  }

  async eraseVisitor(id: string): Promise<string[]> {
    return this.#db.transaction(async (client) => {
      const s = this.#s;
      await client.query(
        `DELETE FROM ${s}.messages WHERE conversation_id IN
          (SELECT id FROM ${s}.conversations WHERE visitor_id = $1)`,
        [id],
      );
      const deleted = await client.query<{ id: string }>(
        `DELETE FROM ${s}.conversations WHERE visitor_id = $1 RETURNING id`,
        [id],
      );
      await client.query(`DELETE FROM ${s}.visitors WHERE id = $1`, [id]);
      const ids = deleted.rows.map((row) => row.id);
      await client.query(`DELETE FROM ${s}.outbox WHERE conversation_id = ANY($1)`, [ids]);
      return ids;
    });
  }

  async deleteClosedConversations(siteId: string, before: string): Promise<string[]> {
    return this.#db.transaction(async (client) => {
      const s = this.#s;
      const doomed = await client.query<{ id: string }>(
        `SELECT id FROM ${s}.conversations
          WHERE site_id = $1 AND status = 'closed' AND closed_at < $2 FOR UPDATE`,
        [siteId, before],
      );
      const ids = doomed.rows.map((row) => row.id);
      if (ids.length === 0) return ids;
      await client.query(`DELETE FROM ${s}.messages WHERE conversation_id = ANY($1)`, [ids]);
      await client.query(`DELETE FROM ${s}.conversations WHERE id = ANY($1)`, [ids]);
      await client.query(`DELETE FROM ${s}.outbox WHERE conversation_id = ANY($1)`, [ids]);
      return ids;
    });
  }

  async updateVisitor(initial: Visitor, patch: VisitorPatch): Promise<Visitor> {
    // One statement: create-or-merge, with `fields` merged key by key, so concurrent updates of
    // one visitor (identify racing a page view) both land.
    const sql = `INSERT INTO ${this.#s}.visitors AS v (id, site_id, data)
        VALUES ($1, $2, $3::jsonb || $4::jsonb
          || jsonb_build_object('fields', ($3::jsonb -> 'fields') || $5::jsonb))
      ON CONFLICT (id) DO UPDATE SET data = v.data || $4::jsonb
        || jsonb_build_object('fields', coalesce(v.data -> 'fields', '{}'::jsonb) || $5::jsonb)
      RETURNING data`;
    const rows = await this.#db.query<{ data: Visitor }>(sql, [
      initial.id,
      initial.siteId,
      json(initial),
      json(visitorScalars(patch)),
      json(patch.fields ?? {}),
    ]);
    return rows[0]!.data;
  }

  async saveVisitor(visitor: Visitor): Promise<Visitor> {
    const sql = `INSERT INTO ${this.#s}.visitors (id, site_id, data) VALUES ($1, $2, $3)
      ON CONFLICT (id) DO UPDATE SET site_id = EXCLUDED.site_id, data = EXCLUDED.data RETURNING data`;
    const rows = await this.#db.query<{ data: Visitor }>(sql, [
      visitor.id,
      visitor.siteId,
      json(visitor),
    ]);
    return rows[0]!.data;
  }

  async getVisitor(id: string): Promise<Visitor | null> {
    const sql = `SELECT data FROM ${this.#s}.visitors WHERE id = $1`;
    return (await this.#db.query<{ data: Visitor }>(sql, [id]))[0]?.data ?? null;
  }

  async createConversation(c: Conversation): Promise<Conversation> {
    return (await this.#insertConversation(c, false))!;
  }

  /** Inserts `c`; with `unlessOpenChat`, null instead of a second open chat for the visitor. */
  async #insertConversation(
    c: Conversation,
    unlessOpenChat: boolean,
  ): Promise<Conversation | null> {
    const sql = `INSERT INTO ${this.#s}.conversations (id, site_id, visitor_id, kind, status, agent_id,
        tags, last_seq, seen, created_at, queued_at, assigned_at, first_response_at, last_message_at,
        closed_at, closed_by, rating)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
      ${unlessOpenChat ? `ON CONFLICT (visitor_id) WHERE status <> 'closed' AND kind = 'chat' DO NOTHING` : ''}
      RETURNING *`;
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
    const rows = await this.#db
      .query<ConversationRow>(sql, params)
      .catch(conflictOn('conversations_pkey', `conversation ${c.id} exists`))
      .catch(conflictOn('conversations_open_chat', `visitor ${c.visitorId} has an open chat`));
    return rows[0] ? toConversation(rows[0]) : null;
  }

  async getConversation(id: string): Promise<Conversation | null> {
    const sql = `SELECT * FROM ${this.#s}.conversations WHERE id = $1`;
    const row = (await this.#db.query<ConversationRow>(sql, [id]))[0];
    return row ? toConversation(row) : null;
  }

  async updateConversation(id: string, patch: ConversationPatch): Promise<Conversation> {
    const set = conversationAssignments(cleanPatch(patch), 2);
    const sql =
      set.assignments.length > 0
        ? `UPDATE ${this.#s}.conversations SET ${set.assignments} WHERE id = $1 RETURNING *`
        : `SELECT * FROM ${this.#s}.conversations WHERE id = $1`;
    const params = [id, ...set.params];
    const row = (await this.#db.query<ConversationRow>(sql, params))[0];
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
      this.#db.query<ConversationRow>(
        `SELECT c.* ${from} ORDER BY ${CONVERSATION_ORDER} LIMIT $${n + 1} OFFSET $${n + 2}`,
        [...params, limit, offset],
      ),
      this.#db.query<{ total: string }>(`SELECT count(*) AS total ${from}`, params),
    ]);
    return { items: rows.map(toConversation), total: Number(counts[0]?.total ?? 0) };
  }

  async listOpenConversations(): Promise<Conversation[]> {
    const sql = `SELECT * FROM ${this.#s}.conversations c WHERE status <> 'closed'
      ORDER BY created_at, id COLLATE "C"`;
    return (await this.#db.query<ConversationRow>(sql, [])).map(toConversation);
  }

  async startChat(conversation: Conversation): Promise<StartedChat> {
    // The partial unique index on open chats decides; a losing insert returns the winner's chat.
    for (;;) {
      const created = await this.#insertConversation(conversation, true);
      if (created) return { conversation: created, created: true };
      const open = await this.openChatOf(conversation.visitorId);
      if (open) return { conversation: open, created: false };
      // The winner closed it in between: try again.
    }
  }

  async openChatOf(visitorId: string): Promise<Conversation | null> {
    const sql = `SELECT * FROM ${this.#s}.conversations
      WHERE visitor_id = $1 AND status <> 'closed' AND kind = 'chat' LIMIT 1`;
    const row = (await this.#db.query<ConversationRow>(sql, [visitorId]))[0];
    return row ? toConversation(row) : null;
  }

  async listQueue(siteId: string): Promise<Conversation[]> {
    const sql = `SELECT * FROM ${this.#s}.conversations
      WHERE site_id = $1 AND status = 'queued' AND kind = 'chat'
      ORDER BY queued_at, id COLLATE "C"`;
    return (await this.#db.query<ConversationRow>(sql, [siteId])).map(toConversation);
  }

  activeChatCounts(agentIds: string[]): Promise<Map<string, number>> {
    return this.#assignments.activeChatCounts(agentIds);
  }

  changeConversation(id: string, decide: ConversationDecision): Promise<ChangedConversation> {
    return this.#assignments.changeConversation(id, decide);
  }

  assignConversation(
    conversationId: string,
    agentId: string,
    options: AssignOptions,
  ): Promise<Conversation> {
    return this.#assignments.assignConversation(conversationId, agentId, options);
  }

  assignNextQueued(
    siteId: string,
    candidates: RoutingCandidate[],
    at: string,
  ): Promise<Conversation | null> {
    return this.#assignments.assignNextQueued(siteId, candidates, at);
  }

  async acquireLease(name: string, holder: string, ttlMs: number): Promise<boolean> {
    // The database's clock decides expiry, so relays with skewed clocks still agree.
    const sql = `INSERT INTO ${this.#s}.leases AS l (name, holder, expires_at)
        VALUES ($1, $2, now() + $3 * interval '1 millisecond')
      ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at
        WHERE l.holder = EXCLUDED.holder OR l.expires_at < now()
      RETURNING holder`;
    return (await this.#db.query(sql, [name, holder, ttlMs])).length > 0;
  }

  runExclusive<T>(name: string, task: () => Promise<T>): Promise<T> {
    // The advisory lock lives as long as this transaction; the task itself uses other pooled
    // connections. A relay that dies mid-task drops its connection, which frees the lock.
    return this.#db.transaction(async (client) => {
      await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
        `parley:${this.#s}:exclusive:${name}`,
      ]);
      return task();
    });
  }

  async appendMessage(message: NewMessage, options?: AppendOptions): Promise<AppendResult> {
    return appendMessage(this.#db, this.#s, message, options);
  }

  async listMessages(
    conversationId: string,
    options: { afterSeq?: number; limit?: number } = {},
  ): Promise<Message[]> {
    return listMessages(this.#db, this.#s, conversationId, options);
  }

  async lastMessage(conversationId: string): Promise<Message | null> {
    return lastMessage(this.#db, this.#s, conversationId);
  }

  async latestMatch(conversationId: string, q: string): Promise<Message | null> {
    if (!q.trim()) return null;
    return latestMatch(this.#db, this.#s, conversationId, q);
  }

  async listCannedReplies(siteId: string): Promise<CannedReply[]> {
    const sql = `SELECT data FROM ${this.#s}.canned_replies WHERE site_id = $1
      ORDER BY shortcut COLLATE "C", id COLLATE "C"`;
    return (await this.#db.query<{ data: CannedReply }>(sql, [siteId])).map((row) => row.data);
  }

  async saveCannedReply(reply: CannedReply): Promise<CannedReply> {
    return this.#db.transaction(async (client) => {
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
    const rows = await this.#db.query<{ id: string }>(sql, [siteId, id]);
    if (rows.length === 0)
      throw new ParleyError('NOT_FOUND', `no canned reply ${id} on site ${siteId}`);
  }

  async enqueueMail(mail: OutboxMail): Promise<OutboxMail> {
    return enqueueMail(this.#db, this.#s, mail);
  }

  async claimMail(
    holder: string,
    now: string,
    leaseUntil: string,
    limit: number,
  ): Promise<OutboxMail[]> {
    return claimMail(this.#db, this.#s, { holder, now, leaseUntil, limit });
  }

  async settleMail(id: string, holder: string, outcome: MailOutcome): Promise<boolean> {
    return settleMail(this.#db, this.#s, id, holder, outcome);
  }

  async listMailOf(conversationId: string): Promise<OutboxMail[]> {
    return listMailOf(this.#db, this.#s, conversationId);
  }

  async appendAuditEntry(entry: AuditEntry): Promise<void> {
    await appendAuditEntry(this.#db, this.#s, entry);
  }

  async listAuditEntries(filter: AuditFilter): Promise<{ items: AuditEntry[]; total: number }> {
    return listAuditEntries(this.#db, this.#s, filter);
  }

  async getSetting(key: string): Promise<string | null> {
    const sql = `SELECT value FROM ${this.#s}.settings WHERE key = $1`;
    return (await this.#db.query<{ value: string }>(sql, [key]))[0]?.value ?? null;
  }

  async setSetting(key: string, value: string): Promise<void> {
    await this.#db.query(
      `INSERT INTO ${this.#s}.settings (key, value) VALUES ($1, $2)
        ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`,
      [key, value],
    );
  }

  get #db(): PostgresDatabase {
    if (!this.#database) throw new Error('PostgresStore is not open');
    return this.#database;
  }
}
