/**
 * GET /api/reports: the service-quality figures of one or more sites over a period. Every figure
 * is defined in the README's "Reports" section; durations are in seconds, shares are 0–1.
 */

/** Which days a report covers. `month` needs `month=YYYY-MM`; `custom` needs `from` and `to`. */
export type ReportPeriod = 'today' | '7d' | '30d' | 'month' | 'custom';

/** The filters a report was computed with, resolved (defaults filled in). */
export interface ReportFilters {
  siteIds: string[];
  /** Only conversations (last) assigned to this agent; null for everyone's. */
  agentId: string | null;
  period: ReportPeriod;
  /** IANA zone the days, hours and weekdays are counted in. */
  timeZone: string;
  /** Waiting and first response counted only inside each site's business hours. */
  businessHours: boolean;
  /** First and last day of the period (inclusive, local dates `YYYY-MM-DD`). */
  fromDate: string;
  toDate: string;
  /** The same period as instants: conversations created at or after `from` and before `to`. */
  from: string;
  to: string;
}

/** A distribution of durations, in seconds; null when there is nothing to measure. */
export interface DurationFigure {
  count: number;
  median: number | null;
  p90: number | null;
}

/** The figures of one slice of a report: the whole period, one day, or one site. */
export interface ReportFigures {
  /** Every conversation created in the period: live chats and offline messages. */
  conversations: number;
  chats: number;
  offlineMessages: number;
  /** Live chats closed before any agent replied (tagged `missed`). */
  missed: number;
  queueTime: DurationFigure;
  firstResponse: DurationFigure;
  handling: DurationFigure;
  resolution: DurationFigure;
  closed: number;
  /** Closed, answered, and the visitor started no other conversation within 72 h. */
  resolved: number;
  resolutionRate: number | null;
  /** Missed chats an agent answered afterwards (following them up). */
  reopened: number;
  complaints: { count: number; share: number | null; timeToClose: DurationFigure };
  satisfaction: {
    /** Closed chats an agent answered, on sites that ask for a rating. */
    asked: number;
    /** Conversations with a rating (CSAT, NPS or both). */
    ratings: number;
    /** Ratings with a CSAT answer, and the share of them that are 4 or 5. */
    csatAnswers: number;
    csat: number | null;
    averageRating: number | null;
    /** ratings ÷ asked. */
    responseRate: number | null;
  };
  nps: {
    responses: number;
    promoters: number;
    passives: number;
    detractors: number;
    /** % promoters − % detractors, −100 to 100. */
    score: number | null;
  };
  /** Conversations whose visitor had an earlier conversation on the same site. */
  returning: { count: number; share: number | null };
}

/** One day of the trend, in the report's time zone. */
export interface ReportDay {
  date: string;
  figures: ReportFigures;
}

/** One agent's workload over the period. */
export interface AgentWorkload {
  agentId: string;
  name: string;
  /** Conversations of the period (last) assigned to them. */
  handled: number;
  /** The most chats they had open at one time. */
  peakConcurrent: number;
  /** Replies (not notes) they wrote in the period's conversations. */
  messagesSent: number;
  firstResponse: DurationFigure;
  csatAnswers: number;
  csat: number | null;
  /** Seconds their status was `online` during the period. */
  timeOnline: number;
  /** Seconds they had at least one chat assigned during the period. */
  timeChatting: number;
  /** timeChatting ÷ timeOnline; may pass 1 when they chat while set away. */
  utilisation: number | null;
}

/** A site's row of the network scorecard. */
export interface ScorecardRow {
  siteId: string;
  siteName: string;
  figures: ReportFigures;
}

/** The scorecard's headline columns. */
export const SCORECARD_COLUMNS = [
  'conversations',
  'missed',
  'firstResponseMedian',
  'resolutionRate',
  'complaints',
  'csat',
  'nps',
] as const;
export type ScorecardColumn = (typeof SCORECARD_COLUMNS)[number];

/** The best and worst sites of one column (ties share the mark; none when fewer than two values). */
export interface ScorecardMarks {
  best: string[];
  worst: string[];
}

/** A rating comment, linked to its conversation. */
export interface RatingComment {
  conversationId: string;
  siteId: string;
  agentId: string | null;
  csat: number | null;
  nps: number | null;
  comment: string;
  createdAt: string;
}

/** GET /api/reports */
export interface Report {
  filters: ReportFilters;
  totals: ReportFigures;
  /** One entry per day of the period, oldest first. */
  trend: ReportDay[];
  /** Conversations by weekday (0 = Sunday) and hour of creation: `heatmap[weekday][hour]`. */
  heatmap: number[][];
  agents: AgentWorkload[];
  scorecard: { rows: ScorecardRow[]; marks: Record<ScorecardColumn, ScorecardMarks> };
  /** Newest first, at most 200. */
  comments: RatingComment[];
}
