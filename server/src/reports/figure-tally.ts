/** Adds conversations up into one slice's raw figures (the whole report, a day, a site). */
import type { Conversation } from '@parley/shared';
import type { ConversationMeasures } from './conversation-measures';
import { durationStats } from './percentile';
import type { DurationStats, RawFigures } from './report-aggregates';

/** Facts about a conversation that depend on the visitor's other conversations. */
export interface VisitorFacts {
  returning: boolean;
  resolved: boolean;
}

export class FigureTally {
  #conversations = 0;
  #chats = 0;
  #missed = 0;
  #closed = 0;
  #resolved = 0;
  #reopened = 0;
  #complaints = 0;
  #asked = 0;
  #ratings = 0;
  #csatAnswers = 0;
  #csatSatisfied = 0;
  #csatSum = 0;
  #promoters = 0;
  #passives = 0;
  #detractors = 0;
  #returning = 0;
  readonly #queue: number[] = [];
  readonly #firstResponse: number[] = [];
  readonly #handling: number[] = [];
  readonly #resolution: number[] = [];
  readonly #complaintClose: number[] = [];

  add(conversation: Conversation, measures: ConversationMeasures, facts: VisitorFacts): void {
    this.#conversations += 1;
    if (measures.isChat) this.#chats += 1;
    if (measures.missed) this.#missed += 1;
    if (measures.closed) this.#closed += 1;
    if (facts.resolved) this.#resolved += 1;
    if (measures.reopened) this.#reopened += 1;
    if (measures.complaint) this.#complaints += 1;
    if (measures.asked) this.#asked += 1;
    if (facts.returning) this.#returning += 1;
    push(this.#queue, measures.queueMs);
    push(this.#firstResponse, measures.firstResponseMs);
    push(this.#handling, measures.handlingMs);
    push(this.#resolution, measures.resolutionMs);
    push(this.#complaintClose, measures.complaintCloseMs);
    const { rating } = conversation;
    if (!rating) return;
    this.#ratings += 1;
    if (rating.csat !== null) {
      this.#csatAnswers += 1;
      this.#csatSum += rating.csat;
      if (rating.csat >= 4) this.#csatSatisfied += 1;
    }
    if (rating.nps !== null) {
      if (rating.nps >= 9) this.#promoters += 1;
      else if (rating.nps >= 7) this.#passives += 1;
      else this.#detractors += 1;
    }
  }

  /**
   * The figures, with `between` awaited after sorting each distribution: on a big month each sort
   * takes milliseconds, and the relay may answer in between.
   */
  async settle(between: () => Promise<void>): Promise<RawFigures> {
    const sorted = [];
    for (const durations of [
      this.#queue,
      this.#firstResponse,
      this.#handling,
      this.#resolution,
      this.#complaintClose,
    ]) {
      sorted.push(durationStats(durations));
      if (durations.length > 1_000) await between();
    }
    const [queueTime, firstResponse, handling, resolution, complaintTimeToClose] = sorted;
    return this.#figures(queueTime!, firstResponse!, handling!, resolution!, complaintTimeToClose!);
  }

  #figures(
    queueTime: DurationStats,
    firstResponse: DurationStats,
    handling: DurationStats,
    resolution: DurationStats,
    complaintTimeToClose: DurationStats,
  ): RawFigures {
    return {
      conversations: this.#conversations,
      chats: this.#chats,
      offlineMessages: this.#conversations - this.#chats,
      missed: this.#missed,
      queueTime,
      firstResponse,
      handling,
      resolution,
      closed: this.#closed,
      resolved: this.#resolved,
      reopened: this.#reopened,
      complaints: this.#complaints,
      complaintTimeToClose,
      asked: this.#asked,
      ratings: this.#ratings,
      csatAnswers: this.#csatAnswers,
      csatSatisfied: this.#csatSatisfied,
      csatSum: this.#csatSum,
      npsResponses: this.#promoters + this.#passives + this.#detractors,
      promoters: this.#promoters,
      passives: this.#passives,
      detractors: this.#detractors,
      returning: this.#returning,
    };
  }
}

function push(values: number[], value: number | null): void {
  if (value !== null) values.push(value);
}
