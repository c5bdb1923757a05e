/**
 * Messages on PostgreSQL. The seq comes from the conversation row, bumped in the same
 * transaction as the insert, so seqs have no gaps and lastSeq always equals the highest seq.
 */
import { ParleyError } from '@parley/shared';
import type { Message } from '@parley/shared';
import type { PostgresDatabase } from './postgres-database';
import { searchPattern } from './postgres-conversation-query';
import { isUniqueViolation } from './postgres-errors';
import {
  json,
  toConversation,
  toMessage,
  type ConversationRow,
  type MessageRow,
} from './postgres-rows';
import type { AppendOptions, AppendResult, NewMessage } from './store';

/**
 * `Store.appendMessage` in schema `s` (quoted): one statement, so one round trip on the path every
 * message takes. The UPDATE's row lock serialises appends to one conversation; a clientId stored
 * before fails the INSERT, which undoes the whole statement (no seq is spent) and is answered
 * with the stored copy.
 */
export async function appendMessage(
  db: PostgresDatabase,
  s: string,
  m: NewMessage,
  options: AppendOptions = {},
): Promise<AppendResult> {
  const firstResponse = m.author === 'agent' && !m.internal;
  let bumped: ConversationRow | undefined;
  try {
    [bumped] = await db.query<ConversationRow>(
      `WITH bumped AS (
        UPDATE ${s}.conversations SET last_seq = last_seq + 1, last_message_at = $2,
            first_response_at = CASE WHEN $3 THEN coalesce(first_response_at, $2) ELSE first_response_at END
          WHERE id = $1 AND ($4 = false OR status <> 'closed') RETURNING *
      ), inserted AS (
        INSERT INTO ${s}.messages (conversation_id, seq, id, client_id, author, agent_id,
            author_name, internal, text, created_at, event, attachments)
          SELECT id, last_seq, $5, $6, $7, $8, $9, $10, $11, $2, $12, $13 FROM bumped
          RETURNING seq
      )
      SELECT bumped.* FROM bumped, inserted`,
      [
        m.conversationId,
        m.createdAt,
        firstResponse,
        options.requireOpen === true,
        m.id,
        m.clientId,
        m.author,
        m.agentId,
        m.authorName,
        m.internal,
        m.text,
        json(m.event),
        json(m.attachments),
      ],
    );
  } catch (error) {
    if (!isUniqueViolation(error, 'messages_client_id_key')) throw error;
    // Stored by an earlier send (or a concurrent one, committed before this failed).
    return (await storedCopy(db, s, m))!;
  }
  if (!bumped) {
    // A resend of a stored message is answered as a duplicate even if the chat closed since.
    const stored = await storedCopy(db, s, m);
    if (stored) return stored;
    const exists = await db.query(`SELECT 1 FROM ${s}.conversations WHERE id = $1`, [
      m.conversationId,
    ]);
    if (exists.length > 0) throw new ParleyError('CONFLICT', 'The conversation is closed');
    throw new ParleyError('NOT_FOUND', `no conversation ${m.conversationId}`);
  }
  const message: MessageRow = {
    conversation_id: m.conversationId,
    seq: bumped.last_seq,
    id: m.id,
    client_id: m.clientId,
    author: m.author,
    agent_id: m.agentId,
    author_name: m.authorName,
    internal: m.internal,
    text: m.text,
    created_at: new Date(m.createdAt),
    event: m.event ?? null,
    attachments: m.attachments ?? null,
  };
  return { message: toMessage(message), duplicate: false, conversation: toConversation(bumped) };
}

/** The already stored message with `m`'s clientId, as a duplicate append result. */
async function storedCopy(
  db: PostgresDatabase,
  s: string,
  m: NewMessage,
): Promise<AppendResult | null> {
  const sql = `SELECT * FROM ${s}.messages WHERE conversation_id = $1 AND client_id = $2`;
  const [row] = await db.query<MessageRow>(sql, [m.conversationId, m.clientId]);
  if (!row) return null;
  const [conversation] = await db.query<ConversationRow>(
    `SELECT * FROM ${s}.conversations WHERE id = $1`,
    [m.conversationId],
  );
  return { message: toMessage(row), duplicate: true, conversation: toConversation(conversation!) };
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

/** `Store.latestMatch` in schema `s` (quoted). */
export async function latestMatch(
  db: PostgresDatabase,
  s: string,
  conversationId: string,
  q: string,
): Promise<Message | null> {
  const sql = `SELECT * FROM ${s}.messages
    WHERE conversation_id = $1 AND ${s}.parley_fold(text) LIKE $2 ORDER BY seq DESC LIMIT 1`;
  const [row] = await db.query<MessageRow>(sql, [conversationId, searchPattern(q)]);
  return row ? toMessage(row) : null;
}
