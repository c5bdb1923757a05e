/**
 * The outbox on PostgreSQL. Claims lock the rows they take (`FOR UPDATE SKIP LOCKED`), so relays
 * claiming at the same moment each get different emails and none is sent twice.
 */
import { compareCodeUnits } from './conversation-filter';
import type { PostgresDatabase } from './postgres-database';
import { json } from './postgres-rows';
import { settled } from './outbox-rules';
import type { MailOutcome, OutboxMail } from './store';

/** `Store.enqueueMail` in schema `s` (quoted). */
export async function enqueueMail(
  db: PostgresDatabase,
  s: string,
  mail: OutboxMail,
): Promise<OutboxMail> {
  await db.query(
    `INSERT INTO ${s}.outbox (id, conversation_id, status, next_attempt_at, lease_until, data)
      VALUES ($1, $2, $3, $4, $5, $6)`,
    [mail.id, mail.conversationId, mail.status, mail.nextAttemptAt, mail.leaseUntil, json(mail)],
  );
  return mail;
}

/** `Store.claimMail` in schema `s` (quoted). */
export async function claimMail(
  db: PostgresDatabase,
  s: string,
  claim: { holder: string; now: string; leaseUntil: string; limit: number },
): Promise<OutboxMail[]> {
  const rows = await db.query<{ data: OutboxMail }>(
    `UPDATE ${s}.outbox AS o SET status = 'sending', lease_until = $2::timestamptz,
        data = o.data || jsonb_build_object('status', 'sending', 'leaseHolder', $1::text,
          'leaseUntil', $5::text, 'attempts', (o.data ->> 'attempts')::int + 1)
      WHERE o.id IN (
        SELECT id FROM ${s}.outbox
          WHERE (status = 'pending' AND next_attempt_at <= $3::timestamptz)
             OR (status = 'sending' AND lease_until < $3::timestamptz)
          ORDER BY next_attempt_at LIMIT $4
          FOR UPDATE SKIP LOCKED)
      RETURNING o.data`,
    // The lease end twice: as a time for the column, as the ISO text the record keeps.
    [claim.holder, claim.leaseUntil, claim.now, claim.limit, claim.leaseUntil],
  );
  return rows
    .map((row) => row.data)
    .sort((a, b) => compareCodeUnits(a.nextAttemptAt, b.nextAttemptAt));
}

/** `Store.settleMail` in schema `s` (quoted). */
export async function settleMail(
  db: PostgresDatabase,
  s: string,
  id: string,
  holder: string,
  outcome: MailOutcome,
): Promise<boolean> {
  return db.transaction(async (client) => {
    const held = await client.query<{ data: OutboxMail }>(
      `SELECT data FROM ${s}.outbox
        WHERE id = $1 AND status = 'sending' AND data ->> 'leaseHolder' = $2 FOR UPDATE`,
      [id, holder],
    );
    const mail = held.rows[0]?.data;
    if (!mail) return false;
    const next = settled(mail, outcome);
    await client.query(
      `UPDATE ${s}.outbox SET status = $2, next_attempt_at = $3, lease_until = NULL, data = $4
        WHERE id = $1`,
      [id, next.status, next.nextAttemptAt, json(next)],
    );
    return true;
  });
}

/** `Store.listMailOf` in schema `s` (quoted). */
export async function listMailOf(
  db: PostgresDatabase,
  s: string,
  conversationId: string,
): Promise<OutboxMail[]> {
  const rows = await db.query<{ data: OutboxMail }>(
    `SELECT data FROM ${s}.outbox WHERE conversation_id = $1 ORDER BY position`,
    [conversationId],
  );
  return rows.map((row) => row.data);
}
