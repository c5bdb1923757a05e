/** What the throughput benchmarks measure and how they print it: one table row per setup. */

/** One setup's throughput and latency percentiles. */
export interface Result {
  name: string;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
}

/** The result of `count` messages in `seconds` with these latencies (ms, any order). */
export function summarise(
  name: string,
  count: number,
  seconds: number,
  latencies: number[],
): Result {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
  return { name, perSecond: count / seconds, p50: at(50), p95: at(95), p99: at(99) };
}

/** A Markdown table of `results`, the first column headed `label`. */
export function table(label: string, results: Result[]): string {
  const width = Math.max(label.length, ...results.map((r) => r.name.length));
  const cell = (value: number, digits: number, size: number) =>
    value.toFixed(digits).padStart(size);
  return [
    `| ${label.padEnd(width)} | msg/s    | p50 ms  | p95 ms  | p99 ms  |`,
    `| ${'-'.repeat(width)} | -------- | ------- | ------- | ------- |`,
    ...results.map(
      (r) =>
        `| ${r.name.padEnd(width)} | ${cell(r.perSecond, 0, 8)} | ${cell(r.p50, 2, 7)} | ${cell(r.p95, 2, 7)} | ${cell(r.p99, 2, 7)} |`,
    ),
  ].join('\n');
}
