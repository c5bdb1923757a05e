/**
 * The audit log on PostgreSQL: one row per entry, numbered in insertion order so that "newest
 * first" means the same on every store, even for entries written in the same millisecond.
 */
import type { AuditEntry } from '@parley/shared';
import type { PostgresDatabase } from './postgres-database';
import { json } from './postgres-rows';
import type { AuditFilter } from './store';

/** `Store.appendAuditEntry` in schema `s` (quoted). */
export async function appendAuditEntry(
  db: PostgresDatabase,
  s: string,
  entry: AuditEntry,
): Promise<void> {
  await db.query(
    `INSERT INTO ${s}.audit_log (id, actor_id, site_ids, data) VALUES ($1, $2, $3, $4)`,
    [entry.id, entry.actorId, entry.siteIds, json(entry)],
  );
}

/** `Store.listAuditEntries` in schema `s` (quoted). */
export async function listAuditEntries(
  db: PostgresDatabase,
  s: string,
  filter: AuditFilter,
): Promise<{ items: AuditEntry[]; total: number }> {
  const rows = await db.query<{ data: AuditEntry; total: string }>(
    `SELECT data, count(*) OVER () AS total FROM ${s}.audit_log
      WHERE actor_id = $1 OR site_ids && $2::text[]
      ORDER BY position DESC LIMIT $3 OFFSET $4`,
    [filter.actorId, filter.siteIds, filter.limit, filter.offset],
  );
  if (rows.length > 0) return { items: rows.map((row) => row.data), total: Number(rows[0]!.total) };
  // An offset past the end returns no rows, and with them no total: count on its own.
  const counted = await db.query<{ total: string }>(
    `SELECT count(*) AS total FROM ${s}.audit_log WHERE actor_id = $1 OR site_ids && $2::text[]`,
    [filter.actorId, filter.siteIds],
  );
  return { items: [], total: Number(counted[0]?.total ?? 0) };
}
