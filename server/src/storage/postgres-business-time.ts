/**
 * Business time in SQL: the milliseconds of [start, end) inside a site's opening ranges, for
 * reports counted in business hours only. The hours come as the site's `BusinessHours` in jsonb.
 * Each range opens at its local wall time on its weekday and closes the same day, or the next day
 * when `close` is before `open` (overnight); `close` = `open` is empty. Wall times become instants
 * with the zone's offset at that wall time, so on a DST day a range is an hour shorter or longer.
 * Overlapping ranges count once (their union).
 */

/** Name of the function, schema-qualified by the caller. */
export const OPENING_RANGES_FUNCTION = 'parley_opening_ranges';

/**
 * Statements (re)creating the function in schema `s` (quoted); safe to run on every start.
 * `parley_opening_ranges(hours, lo, hi)` is the union of the opening ranges that can overlap
 * [lo, hi): those of every local day from the one before `lo` (its overnight range may still be
 * open) to the day of `hi`. A report computes it once per site over the span of its waits, then
 * intersects it with each wait (see {@link businessMsOf}).
 */
export function businessTimeStatements(s: string): string[] {
  return [
    `CREATE OR REPLACE FUNCTION ${s}.${OPENING_RANGES_FUNCTION}(
        hours jsonb, lo timestamptz, hi timestamptz)
      RETURNS tstzmultirange LANGUAGE sql STABLE PARALLEL SAFE AS $fn$
      SELECT coalesce(range_agg(tstzrange(opening.opens, opening.closes)), '{}'::tstzmultirange)
      FROM (
        SELECT (d.day + r.open::time) AT TIME ZONE (hours ->> 'timeZone') AS opens,
          (d.day + CASE WHEN r.close > r.open THEN interval '0' ELSE interval '1 day' END
            + r.close::time) AT TIME ZONE (hours ->> 'timeZone') AS closes
        FROM generate_series(
            date_trunc('day', lo AT TIME ZONE (hours ->> 'timeZone')) - interval '1 day',
            date_trunc('day', hi AT TIME ZONE (hours ->> 'timeZone')),
            interval '1 day') AS d(day)
        JOIN jsonb_to_recordset(hours -> 'days') AS r(day int, open text, close text)
          ON r.day = extract(dow FROM d.day) AND r.close <> r.open
      ) AS opening
      WHERE opening.closes > opening.opens
    $fn$`,
  ];
}

/** SQL: the ms of [start, end) inside the multirange `ranges` (0 when end is not after start). */
export function businessMsOf(ranges: string, start: string, end: string): string {
  return `(SELECT coalesce(sum(extract(epoch FROM upper(part) - lower(part)) * 1000), 0)::float8
    FROM unnest(${ranges} * tstzmultirange(tstzrange(${start}, greatest(${start}, ${end}))))
      AS part)`;
}
