/** A compact elapsed time for waiting visitors: "45s", "3m 12s", "1h 05m", "2d 3h". */
export function formatElapsed(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ${String(seconds % 60).padStart(2, '0')}s`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours}h ${String(minutes % 60).padStart(2, '0')}m`;
  return `${Math.floor(hours / 24)}d ${hours % 24}h`;
}

/** Milliseconds between an ISO time and now, or 0 when the time is missing. */
export function elapsedSince(iso: string | null, now: number): number {
  if (!iso) return 0;
  const then = Date.parse(iso);
  return Number.isNaN(then) ? 0 : now - then;
}

/** A report's duration in seconds, readably ("1m 35s", "21m 00s"); "—" when nothing was measured. */
export function formatSeconds(seconds: number | null): string {
  if (seconds === null) return '—';
  // Under a minute the tenths the relay keeps are worth showing.
  if (seconds < 60) return `${Math.round(seconds * 10) / 10}s`;
  return formatElapsed(Math.round(seconds) * 1000);
}
