/**
 * Messages on PostgreSQL. The seq comes from the conversation row, bumped in the same
 * transaction as the insert, so seqs have no gaps and lastSeq always equals the highest seq.
 */
import { ParleyError } from '@parley/shared';
import type { Message } from '@parley/shared';
import type { PostgresDatabase } from './postgres-database';
import { isUniqueViolation } from './postgres-errors';
import { toMessage, type MessageRow } from './postgres-rows';
import type { AppendResult, NewMessage } from './store';

/** Signals, inside the append transaction, that the clientId was already stored. */
class DuplicateClientId extends Error {}

/** `Store.appendMessage` in schema `s` (quoted). */
export async function appendMessage(
  db: PostgresDatabase,
  s: string,
  m: NewMessage,
): Promise<AppendResult> {
  try {
    const message = await db.transaction(async (client) => {
      // The row lock taken by this UPDATE serialises appends to one conversation.
      const bumped = await client.query<{ last_seq: number }>(
        `UPDATE ${s}.conversations SET last_seq = last_seq + 1, last_message_at = $2
          WHERE id = $1 RETURNING last_seq`,
        [m.conversationId, m.createdAt],
      );
      const seq = bumped.rows[0]?.last_seq;
      if (seq === undefined) {
        throw new ParleyError('NOT_FOUND', `no conversation ${m.conversationId}`);
      }
      const inserted = await client
        .query<MessageRow>(
          `INSERT INTO ${s}.messages (conversation_id, seq, id, client_id, author, agent_id,
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
    const sql = `SELECT * FROM ${s}.messages WHERE conversation_id = $1 AND client_id = $2`;
    const [row] = await db.query<MessageRow>(sql, [m.conversationId, m.clientId]);
    return { message: toMessage(row!), duplicate: true };
  }
}

/** `Store.listMessages` in schema `s` (quoted). */
export async function listMessages(
  db: PostgresDatabase,
  s: string,
  conversationId: string,
  options: { afterSeq?: number; limit?: number },
): Promise<Message[]> {
  const sql = `SELECT * FROM ${s}.messages WHERE conversation_id = $1 AND seq > $2
    ORDER BY seq LIMIT $3`;
  // LIMIT NULL is no limit.
  const limit = options.limit === undefined ? null : Math.max(0, options.limit);
  const rows = await db.query<MessageRow>(sql, [conversationId, options.afterSeq ?? 0, limit]);
  return rows.map(toMessage);
}

/** `Store.lastMessage` in schema `s` (quoted). */
export async function lastMessage(
  db: PostgresDatabase,
  s: string,
  conversationId: string,
): Promise<Message | null> {
  const sql = `SELECT * FROM ${s}.messages WHERE conversation_id = $1 ORDER BY seq DESC LIMIT 1`;
  const [row] = await db.query<MessageRow>(sql, [conversationId]);
  return row ? toMessage(row) : null;
}
