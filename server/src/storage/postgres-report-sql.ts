/**
 * The SQL of a report on PostgreSQL (rules in reports/report-aggregates.ts and the README's
 * "Reports"). Every statement takes the same parameters, {@link ReportParams}, and starts from
 * the same rows: the conversations of the scope with the flags and durations the figures need.
 * Only aggregates (and at most 200 comments) leave the database.
 */
import { COMPLAINT_TAG, MISSED_TAG } from '@parley/shared';
import { businessMsOf, OPENING_RANGES_FUNCTION } from './postgres-business-time';

/**
 * $1 site ids, $2 agent id or null, $3 from, $4 to, $5 time zone, $6 business hours by site id
 * (jsonb) or null, $7 ids of sites that ask for a rating, $8 now.
 */
export type ReportParams = [
  string[],
  string | null,
  string,
  string,
  string,
  string | null,
  string[],
  string,
];

/** Milliseconds from `a` to `b`, never below 0 (timestamps are whole milliseconds). */
const ms = (a: string, b: string) =>
  `greatest(0, (extract(epoch FROM ${b}) - extract(epoch FROM ${a})) * 1000)::float8`;

/** The end of the window that intervals (chats, time online) are clipped to. */
const WINDOW_END = `least($4::timestamptz, $8::timestamptz)`;

/**
 * The scope's conversations: `base` with the plain columns, `scoped` adding what only the figures
 * need (durations, the visitor look-ups). Statements that need no more read `base`, so the costly
 * columns are never computed for them.
 */
function scopedCte(s: string): string {
  const missed = `(${literal(MISSED_TAG)} = ANY(c.tags))`;
  // Waiting is counted in business time when the scope asks for it and the site has hours.
  const waited = (end: string) => `CASE WHEN opening_ranges IS NULL THEN ${ms('queue_start', end)}
      ELSE ${businessMsOf('opening_ranges', 'queue_start', end)} END`;
  return `base AS (
      SELECT c.id, c.site_id, c.visitor_id, c.agent_id, c.status, c.created_at, c.assigned_at,
        c.first_response_at, c.closed_at,
        CASE WHEN jsonb_typeof(c.rating) = 'object' THEN c.rating END AS rating,
        ${missed} AS missed,
        (${literal(COMPLAINT_TAG)} = ANY(c.tags)) AS complaint,
        (c.kind = 'chat' OR ${missed}) AS is_chat,
        coalesce(c.queued_at, c.created_at) AS queue_start,
        c.created_at AT TIME ZONE $5::text AS local_created,
        c.site_id = ANY($7::text[]) AS asks_rating,
        coalesce(c.closed_at, $8::timestamptz) AS open_until
      FROM ${s}.conversations c
      WHERE c.site_id = ANY($1::text[]) AND c.created_at >= $3::timestamptz
        AND c.created_at < $4::timestamptz AND ($2::text IS NULL OR c.agent_id = $2::text)
    ),
    -- Each site's opening hours as instants, once, over the span of the scope's waits.
    opening AS (
      SELECT hours.key AS site_id,
        ${s}.${OPENING_RANGES_FUNCTION}(hours.value, span.lo, span.hi) AS opening_ranges
      FROM jsonb_each(coalesce($6::jsonb, '{}'::jsonb)) AS hours,
        (SELECT min(queue_start) AS lo, max(greatest(queue_start, assigned_at, first_response_at)) AS hi
          FROM base) AS span
      WHERE span.lo IS NOT NULL
    ),
    scoped AS (
      SELECT b.*, opening.opening_ranges,
        to_char(local_created, 'YYYY-MM-DD') AS day,
        CASE WHEN is_chat AND NOT missed AND assigned_at IS NOT NULL
          THEN ${waited('assigned_at')} END AS queue_ms,
        CASE WHEN is_chat AND NOT missed AND first_response_at IS NOT NULL
          THEN ${waited('first_response_at')} END AS first_response_ms,
        CASE WHEN status = 'closed' AND assigned_at IS NOT NULL
          THEN ${ms('assigned_at', 'closed_at')} END AS handling_ms,
        CASE WHEN status = 'closed' AND first_response_at IS NOT NULL
          THEN ${ms('queue_start', 'closed_at')} END AS resolution_ms,
        CASE WHEN complaint AND status = 'closed'
          THEN ${ms('created_at', 'closed_at')} END AS complaint_ms,
        (status = 'closed' AND first_response_at IS NOT NULL AND NOT EXISTS (
          SELECT 1 FROM ${s}.conversations o
          WHERE o.visitor_id = b.visitor_id AND o.id <> b.id
            AND o.created_at > b.closed_at AND o.created_at <= b.closed_at + interval '72 hours'
        )) AS resolved,
        EXISTS (
          SELECT 1 FROM ${s}.conversations o
          WHERE o.visitor_id = b.visitor_id AND o.created_at < b.created_at
        ) AS is_returning,
        (rating ->> 'csat')::int AS csat,
        (rating ->> 'nps')::int AS nps
      FROM base b LEFT JOIN opening USING (site_id)
    )`;
}

/** count, median and p90 of a column of milliseconds. */
const stats = (column: string, name: string) =>
  `count(${column})::int AS ${name}_count,
    percentile_cont(0.5) WITHIN GROUP (ORDER BY ${column}) AS ${name}_median,
    percentile_cont(0.9) WITHIN GROUP (ORDER BY ${column}) AS ${name}_p90`;

/**
 * The figures of the whole scope, of each local day, of each site and of each agent, in one pass
 * (GROUPING SETS); `slice` says which: 'total', 'day', 'site' or 'agent'.
 */
export function figuresSql(s: string): string {
  return `WITH ${scopedCte(s)}
    SELECT CASE WHEN GROUPING(day) = 0 THEN 'day' WHEN GROUPING(site_id) = 0 THEN 'site'
        WHEN GROUPING(agent_id) = 0 THEN 'agent' ELSE 'total' END AS slice,
      day, site_id, agent_id,
      count(*)::int AS conversations,
      count(*) FILTER (WHERE is_chat)::int AS chats,
      count(*) FILTER (WHERE NOT is_chat)::int AS offline_messages,
      count(*) FILTER (WHERE missed)::int AS missed,
      ${stats('queue_ms', 'queue')},
      ${stats('first_response_ms', 'first_response')},
      ${stats('handling_ms', 'handling')},
      ${stats('resolution_ms', 'resolution')},
      count(*) FILTER (WHERE status = 'closed')::int AS closed,
      count(*) FILTER (WHERE resolved)::int AS resolved,
      count(*) FILTER (WHERE missed AND first_response_at IS NOT NULL)::int AS reopened,
      count(*) FILTER (WHERE complaint)::int AS complaints,
      ${stats('complaint_ms', 'complaint')},
      count(*) FILTER (WHERE status = 'closed' AND is_chat AND NOT missed AND asks_rating)::int
        AS asked,
      count(rating)::int AS ratings,
      count(csat)::int AS csat_answers,
      count(*) FILTER (WHERE csat >= 4)::int AS csat_satisfied,
      coalesce(sum(csat), 0)::int AS csat_sum,
      count(nps)::int AS nps_responses,
      count(*) FILTER (WHERE nps >= 9)::int AS promoters,
      count(*) FILTER (WHERE nps BETWEEN 7 AND 8)::int AS passives,
      count(*) FILTER (WHERE nps <= 6)::int AS detractors,
      count(*) FILTER (WHERE is_returning)::int AS returning_visitors
    FROM scoped
    GROUP BY GROUPING SETS ((), (day), (site_id), (agent_id))`;
}

/** Conversations by local weekday (0 = Sunday) and hour. */
export function heatmapSql(s: string): string {
  return `WITH ${scopedCte(s)}
    SELECT extract(dow FROM local_created)::int AS weekday,
      extract(hour FROM local_created)::int AS hour, count(*)::int AS conversations
    FROM base GROUP BY 1, 2`;
}

/**
 * Per agent considered (serving a scope site or holding a scope conversation; with $2, only that
 * agent): replies sent, peak concurrent chats, time chatting (the union of their chats' intervals)
 * and time online (from the status history), both clipped to the window.
 */
export function workloadSql(s: string): string {
  const window = `tstzmultirange(tstzrange($3::timestamptz, greatest($3::timestamptz, ${WINDOW_END})))`;
  return `WITH ${scopedCte(s)},
    considered AS (
      SELECT agent_id FROM (
        SELECT id AS agent_id FROM ${s}.agents WHERE data -> 'siteIds' ?| $1::text[]
        UNION SELECT agent_id FROM base WHERE agent_id IS NOT NULL
      ) candidates
      WHERE $2::text IS NULL OR agent_id = $2::text
    ),
    sent AS (
      SELECT m.agent_id, count(*)::int AS messages_sent
      FROM ${s}.messages m JOIN base sc ON sc.id = m.conversation_id
      WHERE m.author = 'agent' AND NOT m.internal
      GROUP BY m.agent_id
    ),
    chat_intervals AS (
      SELECT agent_id, assigned_at AS opens, open_until AS closes
      FROM base WHERE is_chat AND assigned_at IS NOT NULL AND agent_id IS NOT NULL
    ),
    -- A close (-1) sorts before an open (+1) at the same instant: back-to-back chats do not overlap.
    running AS (
      SELECT agent_id, sum(delta) OVER (PARTITION BY agent_id ORDER BY at, delta
        ROWS UNBOUNDED PRECEDING) AS open_chats
      FROM (
        SELECT agent_id, opens AS at, 1 AS delta FROM chat_intervals
        UNION ALL SELECT agent_id, closes, -1 FROM chat_intervals
      ) events
    ),
    peak AS (SELECT agent_id, max(open_chats)::int AS peak_concurrent FROM running GROUP BY agent_id),
    chatting AS (
      SELECT agent_id,
        (SELECT coalesce(sum(extract(epoch FROM upper(part) - lower(part)) * 1000), 0)
          FROM unnest(chats * ${window}) AS part)::float8 AS chatting_ms
      FROM (
        SELECT agent_id, range_agg(tstzrange(opens, greatest(opens, closes))) AS chats
        FROM chat_intervals GROUP BY agent_id
      ) merged
    ),
    -- Each status holds from its change to the next one (ties in the order they were written).
    statuses AS (
      SELECT l.agent_id, l.status, l.at AS starts,
        lead(l.at) OVER (PARTITION BY l.agent_id ORDER BY l.at, l.position) AS ends
      FROM ${s}.agent_status_log l JOIN considered USING (agent_id)
      WHERE l.at < ${WINDOW_END}
    ),
    online AS (
      SELECT agent_id, sum(${ms(
        'greatest(starts, $3::timestamptz)',
        `least(coalesce(ends, 'infinity'::timestamptz), ${WINDOW_END})`,
      )})::float8 AS online_ms
      FROM statuses WHERE status = 'online' GROUP BY agent_id
    )
    SELECT considered.agent_id, coalesce(messages_sent, 0) AS messages_sent,
      coalesce(peak_concurrent, 0) AS peak_concurrent, coalesce(chatting_ms, 0) AS chatting_ms,
      coalesce(online_ms, 0) AS online_ms
    FROM considered
      LEFT JOIN sent USING (agent_id)
      LEFT JOIN peak USING (agent_id)
      LEFT JOIN chatting USING (agent_id)
      LEFT JOIN online USING (agent_id)
    ORDER BY considered.agent_id COLLATE "C"`;
}

/** Rating comments of the scope, newest first (ties by conversation id), at most 200. */
export function commentsSql(s: string): string {
  return `WITH ${scopedCte(s)}
    SELECT id AS conversation_id, site_id, agent_id, rating -> 'csat' AS csat, rating -> 'nps' AS nps,
      rating ->> 'comment' AS comment, rating ->> 'createdAt' AS created_at
    FROM base
    WHERE rating ->> 'comment' ~ '[^[:space:]]'
    ORDER BY (rating ->> 'createdAt')::timestamptz DESC, id COLLATE "C"
    LIMIT 200`;
}

/** A constant as an SQL string literal (only our own tag names). */
function literal(value: string): string {
  if (!/^[a-z-]+$/.test(value)) throw new Error(`unexpected tag ${value}`);
  return `'${value}'`;
}
