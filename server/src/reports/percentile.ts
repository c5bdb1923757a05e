import { roundPercentileMs, type DurationStats } from './report-aggregates';

/**
 * Count, median and 90th percentile of durations, interpolating between the nearest values as
 * PostgreSQL's percentile_cont does, so both stores give the same figure.
 */
export function durationStats(durations: readonly number[]): DurationStats {
  if (durations.length === 0) return { count: 0, medianMs: null, p90Ms: null };
  // A typed array sorts numbers natively, many times faster than a comparator over 100,000.
  const values = Float64Array.from(durations).sort();
  return {
    count: values.length,
    medianMs: roundPercentileMs(percentile(values, 0.5)),
    p90Ms: roundPercentileMs(percentile(values, 0.9)),
  };
}

function percentile(sorted: Float64Array, fraction: number): number {
  const position = fraction * (sorted.length - 1);
  const below = Math.floor(position);
  const above = Math.ceil(position);
  const low = sorted[below]!;
  return low + (position - below) * (sorted[above]! - low);
}
