/**
 * Business time in SQL: the milliseconds of [start, end) inside a site's opening ranges, for
 * reports counted in business hours only. The hours come as the site's `BusinessHours` in jsonb.
 * Each range opens at its local wall time on its weekday and closes the same day, or the next day
 * when `close` is before `open` (overnight); `close` = `open` is empty. Wall times become instants
 * with the zone's offset at that wall time, so on a DST day a range is an hour shorter or longer.
 * Overlapping ranges count once (their union).
 */

/** Name of the function, schema-qualified by the caller. */
export const BUSINESS_MS_FUNCTION = 'parley_business_ms';

/** Statements (re)creating the function in schema `s` (quoted); safe to run on every start. */
export function businessTimeStatements(s: string): string[] {
  // Days from the one before `start` (its overnight range may still be open) to the day of `end`.
  return [
    `CREATE OR REPLACE FUNCTION ${s}.${BUSINESS_MS_FUNCTION}(
        start_at timestamptz, end_at timestamptz, hours jsonb)
      RETURNS double precision LANGUAGE sql STABLE PARALLEL SAFE AS $fn$
      SELECT coalesce(sum(extract(epoch FROM upper(part) - lower(part)) * 1000), 0)::float8
      FROM unnest((
        SELECT range_agg(tstzrange(opening.opens, opening.closes))
          * tstzmultirange(tstzrange(start_at, greatest(start_at, end_at)))
        FROM (
          SELECT (d.day + r.open::time) AT TIME ZONE (hours ->> 'timeZone') AS opens,
            (d.day + CASE WHEN r.close > r.open THEN interval '0' ELSE interval '1 day' END
              + r.close::time) AT TIME ZONE (hours ->> 'timeZone') AS closes
          FROM generate_series(
              date_trunc('day', start_at AT TIME ZONE (hours ->> 'timeZone')) - interval '1 day',
              date_trunc('day', end_at AT TIME ZONE (hours ->> 'timeZone')),
              interval '1 day') AS d(day)
          JOIN jsonb_to_recordset(hours -> 'days') AS r(day int, open text, close text)
            ON r.day = extract(dow FROM d.day) AND r.close <> r.open
        ) AS opening
        WHERE opening.closes > opening.opens
      )) AS part
    $fn$`,
  ];
}
