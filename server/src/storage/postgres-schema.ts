/**
 * PostgreSQL tables of PostgresStore. Nested values that are only ever read whole (site
 * settings, agent and visitor profiles) live in jsonb; whatever is filtered, ordered or updated
 * on its own has a real column.
 */

import { businessTimeStatements } from './postgres-business-time';

/** Quotes a schema name for SQL after checking it is a plain identifier. */
export function quoteSchema(schema: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(schema))
    throw new Error(`invalid schema name ${schema}`);
  return `"${schema}"`;
}

/** Statements creating the schema and its tables when missing; safe to run on every start. */
export function schemaStatements(s: string): string[] {
  return [
    `CREATE SCHEMA IF NOT EXISTS ${s}`,
    `CREATE TABLE IF NOT EXISTS ${s}.sites (
      id text PRIMARY KEY,
      created_at timestamptz NOT NULL,
      data jsonb NOT NULL
    )`,
    `CREATE TABLE IF NOT EXISTS ${s}.agents (
      id text PRIMARY KEY,
      email_key text NOT NULL CONSTRAINT agents_email_key UNIQUE,
      created_at timestamptz NOT NULL,
      data jsonb NOT NULL
    )`,
    `CREATE TABLE IF NOT EXISTS ${s}.visitors (
      id text PRIMARY KEY,
      site_id text NOT NULL,
      data jsonb NOT NULL
    )`,
    `CREATE TABLE IF NOT EXISTS ${s}.conversations (
      id text PRIMARY KEY,
      site_id text NOT NULL,
      visitor_id text NOT NULL,
      kind text NOT NULL,
      status text NOT NULL,
      agent_id text,
      tags text[] NOT NULL,
      last_seq integer NOT NULL,
      seen jsonb NOT NULL,
      created_at timestamptz NOT NULL,
      queued_at timestamptz,
      assigned_at timestamptz,
      first_response_at timestamptz,
      last_message_at timestamptz,
      closed_at timestamptz,
      closed_by text,
      rating jsonb
    )`,
    `CREATE INDEX IF NOT EXISTS conversations_activity
      ON ${s}.conversations ((coalesce(last_message_at, created_at)) DESC)`,
    `CREATE INDEX IF NOT EXISTS conversations_site_status ON ${s}.conversations (site_id, status)`,
    `CREATE INDEX IF NOT EXISTS conversations_open
      ON ${s}.conversations (created_at) WHERE status <> 'closed'`,
    // Routing's tie-break, written in the same transaction as each assignment.
    `ALTER TABLE ${s}.agents ADD COLUMN IF NOT EXISTS last_assigned_at timestamptz`,
    // A visitor has at most one open live chat: two first messages at once cannot open two.
    `CREATE UNIQUE INDEX IF NOT EXISTS conversations_open_chat
      ON ${s}.conversations (visitor_id) WHERE status <> 'closed' AND kind = 'chat'`,
    `CREATE INDEX IF NOT EXISTS conversations_queue
      ON ${s}.conversations (site_id, queued_at) WHERE status = 'queued' AND kind = 'chat'`,
    `CREATE INDEX IF NOT EXISTS conversations_active_agent
      ON ${s}.conversations (agent_id) WHERE status = 'active' AND kind = 'chat'`,
    `CREATE TABLE IF NOT EXISTS ${s}.leases (
      name text PRIMARY KEY,
      holder text NOT NULL,
      expires_at timestamptz NOT NULL
    )`,
    `CREATE TABLE IF NOT EXISTS ${s}.messages (
      conversation_id text NOT NULL REFERENCES ${s}.conversations (id),
      seq integer NOT NULL,
      id text NOT NULL,
      client_id text NOT NULL,
      author text NOT NULL,
      agent_id text,
      author_name text,
      internal boolean NOT NULL,
      text text NOT NULL,
      created_at timestamptz NOT NULL,
      PRIMARY KEY (conversation_id, seq),
      CONSTRAINT messages_client_id_key UNIQUE (conversation_id, client_id)
    )`,
    // System lines as data (who joined, to whom a chat went); added after the first release.
    `ALTER TABLE ${s}.messages ADD COLUMN IF NOT EXISTS event jsonb`,
    // Files sent with the message (their bytes are in files / file_chunks).
    `ALTER TABLE ${s}.messages ADD COLUMN IF NOT EXISTS attachments jsonb`,
    `CREATE TABLE IF NOT EXISTS ${s}.canned_replies (
      id text PRIMARY KEY,
      site_id text NOT NULL,
      shortcut text NOT NULL,
      data jsonb NOT NULL,
      CONSTRAINT canned_replies_shortcut_key UNIQUE (site_id, shortcut)
    )`,
    `CREATE TABLE IF NOT EXISTS ${s}.settings (
      key text PRIMARY KEY,
      value text NOT NULL
    )`,
    `CREATE TABLE IF NOT EXISTS ${s}.audit_log (
      position bigserial PRIMARY KEY,
      id text NOT NULL UNIQUE,
      actor_id text NOT NULL,
      site_ids text[] NOT NULL,
      data jsonb NOT NULL
    )`,
    `CREATE TABLE IF NOT EXISTS ${s}.outbox (
      position bigserial PRIMARY KEY,
      id text NOT NULL UNIQUE,
      conversation_id text,
      status text NOT NULL,
      next_attempt_at timestamptz NOT NULL,
      lease_until timestamptz,
      data jsonb NOT NULL
    )`,
    `CREATE INDEX IF NOT EXISTS outbox_due ON ${s}.outbox (status, next_attempt_at)`,
    `CREATE INDEX IF NOT EXISTS outbox_conversation ON ${s}.outbox (conversation_id)`,
    `CREATE INDEX IF NOT EXISTS audit_log_site_ids ON ${s}.audit_log USING gin (site_ids)`,
    // Every status change of an agent, so reports can count time online; `position` orders
    // changes stamped with the same instant.
    `CREATE TABLE IF NOT EXISTS ${s}.agent_status_log (
      position bigserial PRIMARY KEY,
      agent_id text NOT NULL,
      at timestamptz NOT NULL,
      status text NOT NULL
    )`,
    `CREATE INDEX IF NOT EXISTS agent_status_log_agent ON ${s}.agent_status_log (agent_id, at)`,
    // Reports read a period of some sites, and look up each visitor's other conversations by time.
    `CREATE INDEX IF NOT EXISTS conversations_site_created ON ${s}.conversations (site_id, created_at)`,
    `CREATE INDEX IF NOT EXISTS conversations_visitor_created
      ON ${s}.conversations (visitor_id, created_at)`,
    // The index above serves every lookup by visitor the old one did.
    `DROP INDEX IF EXISTS ${s}.conversations_visitor`,
    ...businessTimeStatements(s),
    ...searchStatements(s),
  ];
}

/**
 * Accent- and case-blind search: `parley_fold` is lower(unaccent(…)) declared immutable (the
 * unaccent dictionary never changes under us), so a trigram index over it serves `LIKE '%…%'`.
 * Extensions are per database, shared by every schema: one relay creates them at a time.
 */
function searchStatements(s: string): string[] {
  return [
    `SELECT pg_advisory_xact_lock(hashtext('parley-extensions'))`,
    `CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public`,
    `CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public`,
    `CREATE OR REPLACE FUNCTION ${s}.parley_fold(value text) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
      AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, value)) $$`,
    `CREATE INDEX IF NOT EXISTS messages_text_search
      ON ${s}.messages USING gin (${s}.parley_fold(text) public.gin_trgm_ops)`,
  ];
}
