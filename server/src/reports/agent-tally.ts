/** One agent's workload in a report: what they handled, how many at once, and how long. */
import type { AgentStatus } from '@parley/shared';
import { durationStats } from './percentile';
import type { RawAgentWorkload } from './report-aggregates';

/** A status an agent took, and when; the store keeps every change (reports' time online). */
export interface StatusChange {
  status: AgentStatus;
  at: string;
}

/** The span of the report that has happened: [from, min(to, now)) in epoch ms. */
export interface Span {
  start: number;
  end: number;
}

export class AgentTally {
  handled = 0;
  messagesSent = 0;
  csatAnswers = 0;
  csatSatisfied = 0;
  readonly #firstResponse: number[] = [];
  readonly #chats: Array<[number, number]> = [];

  constructor(readonly agentId: string) {}

  addFirstResponse(ms: number | null): void {
    if (ms !== null) this.#firstResponse.push(ms);
  }

  /** A chat of theirs, from assignment to close (or now). */
  addChat(start: number, end: number): void {
    this.#chats.push([start, Math.max(start, end)]);
  }

  result(span: Span, history: readonly StatusChange[]): RawAgentWorkload {
    return {
      agentId: this.agentId,
      handled: this.handled,
      peakConcurrent: peakOf(this.#chats),
      messagesSent: this.messagesSent,
      firstResponse: durationStats(this.#firstResponse),
      csatAnswers: this.csatAnswers,
      csatSatisfied: this.csatSatisfied,
      onlineMs: onlineMs(history, span),
      chattingMs: unionMs(this.#chats, span),
    };
  }
}

/** The most intervals open at one instant; at the same instant a close comes before an open. */
function peakOf(intervals: ReadonlyArray<[number, number]>): number {
  const events = intervals.flatMap(([start, end]): Array<[number, number]> => [
    [start, 1],
    [end, -1],
  ]);
  events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let open = 0;
  let peak = 0;
  for (const [, change] of events) {
    open += change;
    peak = Math.max(peak, open);
  }
  return peak;
}

/** The length of the union of the intervals, each clipped to the span. */
function unionMs(intervals: ReadonlyArray<[number, number]>, span: Span): number {
  const clipped = intervals
    .map(([start, end]): [number, number] => [Math.max(start, span.start), Math.min(end, span.end)])
    .filter(([start, end]) => end > start)
    .sort((a, b) => a[0] - b[0]);
  let total = 0;
  let coveredUntil = -Infinity;
  for (const [start, end] of clipped) {
    if (end <= coveredUntil) continue;
    total += end - Math.max(start, coveredUntil);
    coveredUntil = end;
  }
  return total;
}

/** Time within the span whose latest status (offline before the first change) was online. */
export function onlineMs(history: readonly StatusChange[], span: Span): number {
  let total = 0;
  let status: AgentStatus = 'offline';
  let since = -Infinity;
  const close = (until: number) => {
    if (status === 'online')
      total += Math.max(0, Math.min(until, span.end) - Math.max(since, span.start));
  };
  for (const change of history) {
    const at = Date.parse(change.at);
    close(at);
    status = change.status;
    since = at;
  }
  close(span.end);
  return total;
}
