/**
 * What a store computes for a report: counts, sums and percentiles over the conversations of a
 * scope, inside the store (SQL aggregates in PostgreSQL, one sliced pass over the in-memory
 * records in lowdb) so that no report loads every conversation into the relay. assemble-report.ts
 * turns these into the public figures (shares, seconds, scorecard marks), the same for both stores.
 */
import type { BusinessHours, RatingComment } from '@parley/shared';

/** Which conversations a report counts, and how. */
export interface ReportScope {
  siteIds: string[];
  /** Only conversations whose `agentId` is this agent. */
  agentId: string | null;
  /** Conversations created at or after `from` and before `to` (ISO instants). */
  from: string;
  to: string;
  /** Zone of the days, weekdays and hours. */
  timeZone: string;
  /**
   * Set when waiting and first response count only inside business hours: each site's hours
   * (sites missing here are always open). Null counts plain elapsed time.
   */
  businessHours: Record<string, BusinessHours> | null;
  /** Sites that ask visitors for a rating: their answered, closed chats count as "asked". */
  ratingSiteIds: string[];
  /** The end of still-open intervals (chats not closed yet, an agent still online). */
  now: string;
}

/**
 * Durations in milliseconds: how many, and their median and 90th percentile (interpolated as
 * `percentile_cont` does). The percentiles are rounded to 3 decimals ({@link roundPercentileMs}),
 * so float noise of the interpolation (959999.9999999998 for 960000) never makes the two stores
 * disagree.
 */
export interface DurationStats {
  count: number;
  medianMs: number | null;
  p90Ms: number | null;
}

/** The counts and distributions of one slice (whole scope, one day, one site). */
export interface RawFigures {
  conversations: number;
  chats: number;
  offlineMessages: number;
  missed: number;
  queueTime: DurationStats;
  firstResponse: DurationStats;
  handling: DurationStats;
  resolution: DurationStats;
  closed: number;
  resolved: number;
  reopened: number;
  complaints: number;
  complaintTimeToClose: DurationStats;
  asked: number;
  ratings: number;
  csatAnswers: number;
  /** CSAT answers of 4 or 5. */
  csatSatisfied: number;
  csatSum: number;
  npsResponses: number;
  promoters: number;
  passives: number;
  detractors: number;
  returning: number;
}

/** One agent's raw workload. */
export interface RawAgentWorkload {
  agentId: string;
  handled: number;
  peakConcurrent: number;
  messagesSent: number;
  firstResponse: DurationStats;
  csatAnswers: number;
  csatSatisfied: number;
  onlineMs: number;
  chattingMs: number;
}

/** Everything a store computes for one report. */
export interface ReportAggregates {
  totals: RawFigures;
  /** Days (local `YYYY-MM-DD`) with at least one conversation, oldest first. */
  byDay: { date: string; figures: RawFigures }[];
  /** Sites with at least one conversation, in any order. */
  bySite: { siteId: string; figures: RawFigures }[];
  /** Conversations by local weekday (0 = Sunday) × hour: 7 rows of 24. */
  heatmap: number[][];
  /**
   * Agents with any conversation, reply or online time in the scope, ordered by agent id. With
   * `agentId` set, only that agent.
   */
  agents: RawAgentWorkload[];
  /** Rating comments of the scope's conversations, newest first, at most 200. */
  comments: RatingComment[];
}

/** A percentile of milliseconds as both stores report it: rounded to 3 decimals. */
export function roundPercentileMs(ms: number | null): number | null {
  return ms === null ? null : Math.round(ms * 1000) / 1000;
}
