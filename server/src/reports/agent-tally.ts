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
  /**
   * Each chat as two numbers: 2·start + 1 (an open) and 2·end (a close), so that one native sort
   * orders them by time with a close before an open at the same instant.
   */
  readonly #events: number[] = [];

  constructor(readonly agentId: string) {}

  addFirstResponse(ms: number | null): void {
    if (ms !== null) this.#firstResponse.push(ms);
  }

  /** A chat of theirs, from assignment to close (or now). */
  addChat(start: number, end: number): void {
    this.#events.push(2 * start + 1, 2 * Math.max(start, end));
  }

  result(span: Span, history: readonly StatusChange[]): RawAgentWorkload {
    const { peak, coveredMs } = sweep(Float64Array.from(this.#events).sort(), span);
    return {
      agentId: this.agentId,
      handled: this.handled,
      peakConcurrent: peak,
      messagesSent: this.messagesSent,
      firstResponse: durationStats(this.#firstResponse),
      csatAnswers: this.csatAnswers,
      csatSatisfied: this.csatSatisfied,
      onlineMs: onlineMs(history, span),
      chattingMs: coveredMs,
    };
  }
}

/**
 * One pass over the sorted events: the most chats open at once, and how much of the span had at
 * least one open.
 */
function sweep(events: Float64Array, span: Span): { peak: number; coveredMs: number } {
  let open = 0;
  let peak = 0;
  let coveredMs = 0;
  let previous = 0;
  for (const event of events) {
    const at = Math.floor(event / 2);
    if (open > 0) coveredMs += Math.max(0, Math.min(at, span.end) - Math.max(previous, span.start));
    open += event % 2 === 1 ? 1 : -1;
    peak = Math.max(peak, open);
    previous = at;
  }
  return { peak, coveredMs };
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
