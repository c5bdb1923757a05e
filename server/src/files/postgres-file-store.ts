/**
 * The FileStore on PostgreSQL (with DATABASE_URL): descriptions in `files`, bytes in
 * `file_chunks` rows of up to 256 KB, written in one transaction as the upload streams in, so a
 * file is either wholly there (committed) or not at all, and every node serves every file
 * without shared disks. Memory holds one chunk at a time, on the way in and out.
 */
import { Readable } from 'node:stream';
import type { PoolClient } from 'pg';
import type { PostgresDatabase } from '../storage/postgres-database';
import { byteLimit } from './byte-limit';
import type { FileCopy, FileStore, NewFile, StoredFile } from './file-store';

const CHUNK_BYTES = 256 * 1024;

interface FileRow {
  id: string;
  secret: string;
  site_id: string;
  visitor_id: string | null;
  agent_id: string | null;
  name: string;
  type: string;
  size: number;
  created_at: Date;
  conversation_id: string | null;
  canned_reply_id: string | null;
}

/** Neither sent nor kept by a canned reply: the sweep's and a message's to take. */
const LOOSE = 'conversation_id IS NULL AND canned_reply_id IS NULL';

function toFile(row: FileRow): StoredFile {
  return {
    id: row.id,
    secret: row.secret,
    siteId: row.site_id,
    uploader: row.visitor_id !== null ? { visitorId: row.visitor_id } : { agentId: row.agent_id! },
    name: row.name,
    type: row.type,
    size: Number(row.size),
    createdAt: row.created_at.toISOString(),
    conversationId: row.conversation_id,
    cannedReplyId: row.canned_reply_id,
  };
}

export class PostgresFileStore implements FileStore {
  /** `database` is the store's pool; `s` its quoted schema name. */
  constructor(
    private readonly database: () => PostgresDatabase,
    private readonly s: string,
  ) {}

  get #database(): PostgresDatabase {
    return this.database();
  }

  get #s(): string {
    return this.s;
  }

  /** Creates the tables; called by PostgresStore.init under its schema lock. */
  async init(client?: PoolClient): Promise<void> {
    const s = this.#s;
    const run = (sql: string) => (client ? client.query(sql) : this.#database.query(sql));
    await run(`CREATE TABLE IF NOT EXISTS ${s}.files (
      id text PRIMARY KEY,
      secret text NOT NULL,
      site_id text NOT NULL,
      visitor_id text,
      agent_id text,
      name text NOT NULL,
      type text NOT NULL,
      size bigint NOT NULL,
      created_at timestamptz NOT NULL,
      conversation_id text
    )`);
    // Added when canned replies came to keep files; tables made before get it on start.
    await run(`ALTER TABLE ${s}.files ADD COLUMN IF NOT EXISTS canned_reply_id text`);
    await run(`CREATE INDEX IF NOT EXISTS files_conversation ON ${s}.files (conversation_id)`);
    await run(
      `CREATE INDEX IF NOT EXISTS files_canned_reply ON ${s}.files (canned_reply_id) WHERE canned_reply_id IS NOT NULL`,
    );
    await run(`CREATE INDEX IF NOT EXISTS files_visitor ON ${s}.files (visitor_id)`);
    // The sweep of uploads never sent looks for old unbound rows only.
    await run(
      `CREATE INDEX IF NOT EXISTS files_unsent ON ${s}.files (created_at) WHERE conversation_id IS NULL`,
    );
    await run(`CREATE TABLE IF NOT EXISTS ${s}.file_chunks (
      file_id text NOT NULL REFERENCES ${s}.files (id) ON DELETE CASCADE,
      n integer NOT NULL,
      data bytea NOT NULL,
      PRIMARY KEY (file_id, n)
    )`);
  }

  async save(file: NewFile, content: Readable, maxBytes: number): Promise<StoredFile> {
    const s = this.#s;
    const limit = byteLimit(maxBytes);
    content.on('error', (error) => limit.destroy(error));
    content.pipe(limit);
    return this.#database.transaction(async (client) => {
      await client.query(
        `INSERT INTO ${s}.files (id, secret, site_id, visitor_id, agent_id, name, type, size, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 0, $8)`,
        [
          file.id,
          file.secret,
          file.siteId,
          file.uploader.visitorId ?? null,
          file.uploader.agentId ?? null,
          file.name,
          file.type,
          file.createdAt,
        ],
      );
      let n = 0;
      let parts: Buffer[] = [];
      let held = 0;
      const write = async () => {
        if (held === 0) return;
        await insertChunk(client, s, file.id, n++, Buffer.concat(parts));
        parts = [];
        held = 0;
      };
      for await (const chunk of limit as AsyncIterable<Buffer>) {
        parts.push(chunk);
        held += chunk.length;
        if (held >= CHUNK_BYTES) await write();
      }
      await write();
      const [row] = (
        await client.query<FileRow>(`UPDATE ${s}.files SET size = $2 WHERE id = $1 RETURNING *`, [
          file.id,
          limit.bytes(),
        ])
      ).rows;
      return toFile(row!);
    });
  }

  async get(id: string): Promise<StoredFile | null> {
    const [row] = await this.#database.query<FileRow>(
      `SELECT * FROM ${this.#s}.files WHERE id = $1`,
      [id],
    );
    return row ? toFile(row) : null;
  }

  async read(id: string): Promise<Readable | null> {
    if (!(await this.get(id))) return null;
    const db = this.#database;
    const s = this.#s;
    return Readable.from(
      (async function* () {
        for (let n = 0; ; n++) {
          const [row] = await db.query<{ data: Buffer }>(
            `SELECT data FROM ${s}.file_chunks WHERE file_id = $1 AND n = $2`,
            [id, n],
          );
          if (!row) return;
          yield row.data;
        }
      })(),
    );
  }

  async attach(ids: string[], conversationId: string): Promise<StoredFile[]> {
    const rows = await this.#database.query<FileRow>(
      `UPDATE ${this.#s}.files SET conversation_id = $2
       WHERE id = ANY($1) AND canned_reply_id IS NULL
         AND (conversation_id IS NULL OR conversation_id = $2) RETURNING *`,
      [ids, conversationId],
    );
    const byId = new Map(rows.map((row) => [row.id, toFile(row)]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  async keepForCannedReply(ids: string[], cannedReplyId: string): Promise<boolean> {
    const s = this.#s;
    const unique = [...new Set(ids)];
    try {
      return await this.#database.transaction(async (client) => {
        const { rowCount } = await client.query(
          `UPDATE ${s}.files SET canned_reply_id = $2
           WHERE id = ANY($1) AND conversation_id IS NULL
             AND (canned_reply_id IS NULL OR canned_reply_id = $2)`,
          [unique, cannedReplyId],
        );
        // One was swept, sent or kept by another reply meanwhile: keep none.
        if (rowCount !== unique.length) throw new NotAllKept();
        return true;
      });
    } catch (error) {
      if (error instanceof NotAllKept) return false;
      throw error;
    }
  }

  async deleteOfCannedReply(cannedReplyId: string, keepIds: string[]): Promise<void> {
    await this.#database.query(
      `DELETE FROM ${this.#s}.files WHERE canned_reply_id = $1 AND NOT (id = ANY($2))`,
      [cannedReplyId, keepIds],
    );
  }

  async copyToConversation(
    sourceId: string,
    copy: FileCopy,
    conversationId: string,
  ): Promise<StoredFile | null> {
    const s = this.#s;
    /** The copy made before: undefined if none, null if that id is another conversation's. */
    const existing = async (client: PoolClient) => {
      const [row] = (
        await client.query<FileRow>(`SELECT * FROM ${s}.files WHERE id = $1`, [copy.id])
      ).rows;
      if (!row) return undefined;
      return row.conversation_id === conversationId ? toFile(row) : null;
    };
    return this.#database.transaction(async (client) => {
      const made = await existing(client);
      if (made !== undefined) return made;
      // Shared lock: deleting the reply's file waits until the bytes are copied.
      const source = await client.query(
        `SELECT id FROM ${s}.files WHERE id = $1 AND canned_reply_id IS NOT NULL FOR SHARE`,
        [sourceId],
      );
      if (source.rows.length === 0) return null;
      const inserted = await client.query<FileRow>(
        `INSERT INTO ${s}.files
           (id, secret, site_id, visitor_id, agent_id, name, type, size, created_at, conversation_id)
         SELECT $2, $3, site_id, $4, $5, name, type, size, $6, $7 FROM ${s}.files WHERE id = $1
         ON CONFLICT (id) DO NOTHING RETURNING *`,
        [
          sourceId,
          copy.id,
          copy.secret,
          copy.uploader.visitorId ?? null,
          copy.uploader.agentId ?? null,
          copy.createdAt,
          conversationId,
        ],
      );
      const [row] = inserted.rows;
      // Another send of the same message made it first (it waited for that one to commit).
      if (!row) return (await existing(client)) ?? null;
      await client.query(
        `INSERT INTO ${s}.file_chunks (file_id, n, data)
         SELECT $2, n, data FROM ${s}.file_chunks WHERE file_id = $1`,
        [sourceId, copy.id],
      );
      return toFile(row);
    });
  }

  async deleteForConversations(conversationIds: string[]): Promise<void> {
    if (conversationIds.length === 0) return;
    await this.#database.query(`DELETE FROM ${this.#s}.files WHERE conversation_id = ANY($1)`, [
      conversationIds,
    ]);
  }

  async deleteUnsentOf(visitorId: string): Promise<void> {
    await this.#database.query(`DELETE FROM ${this.#s}.files WHERE visitor_id = $1 AND ${LOOSE}`, [
      visitorId,
    ]);
  }

  async deleteUnattachedBefore(before: string): Promise<number> {
    // One statement: an attach racing it either binds the row first (kept) or finds it gone.
    const rows = await this.#database.query<{ id: string }>(
      `DELETE FROM ${this.#s}.files WHERE ${LOOSE} AND created_at < $1 RETURNING id`,
      [before],
    );
    return rows.length;
  }

  /** The pool is the store's: it closes it. */
  async close(): Promise<void> {}
}

/** Rolls back a keepForCannedReply that could not keep every file. */
class NotAllKept extends Error {}

async function insertChunk(
  client: PoolClient,
  s: string,
  fileId: string,
  n: number,
  data: Buffer,
): Promise<void> {
  await client.query(`INSERT INTO ${s}.file_chunks (file_id, n, data) VALUES ($1, $2, $3)`, [
    fileId,
    n,
    data,
  ]);
}
