import type { DurationStats } from './report-aggregates';

/**
 * Count, median and 90th percentile of durations, interpolating between the nearest values as
 * PostgreSQL's percentile_cont does, so both stores give the same figure. Sorts `values` in place.
 */
export function durationStats(values: number[]): DurationStats {
  if (values.length === 0) return { count: 0, medianMs: null, p90Ms: null };
  values.sort((a, b) => a - b);
  return {
    count: values.length,
    medianMs: percentile(values, 0.5),
    p90Ms: percentile(values, 0.9),
  };
}

function percentile(sorted: number[], fraction: number): number {
  const position = fraction * (sorted.length - 1);
  const below = Math.floor(position);
  const above = Math.ceil(position);
  const low = sorted[below]!;
  return low + (position - below) * (sorted[above]! - low);
}
