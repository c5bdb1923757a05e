/**
 * Turns a store's raw aggregates into the public report: shares, seconds, every day of the
 * period, every site of the scorecard with its best and worst marks. The same code for both
 * stores, so equal aggregates give equal reports.
 */
import {
  SCORECARD_COLUMNS,
  type AgentWorkload,
  type DurationFigure,
  type Report,
  type ReportFigures,
  type ReportFilters,
  type ScorecardColumn,
  type ScorecardMarks,
  type ScorecardRow,
} from '@parley/shared';
import type {
  DurationStats,
  RawAgentWorkload,
  RawFigures,
  ReportAggregates,
} from './report-aggregates';
import { addDays } from './zoned-clock';

/** Who the report may name: sites and agents by id. */
export interface ReportNames {
  sites: ReadonlyMap<string, string>;
  agents: ReadonlyMap<string, string>;
  /** Agents listed in the workload table even with nothing to show (the sites' team). */
  team: readonly string[];
}

export function assembleReport(
  aggregates: ReportAggregates,
  filters: ReportFilters,
  names: ReportNames,
): Report {
  const byDay = new Map(aggregates.byDay.map((day) => [day.date, day.figures]));
  const trend = [];
  for (let date = filters.fromDate; date <= filters.toDate; date = addDays(date, 1))
    trend.push({ date, figures: figuresOf(byDay.get(date) ?? EMPTY_FIGURES) });

  const bySite = new Map(aggregates.bySite.map((site) => [site.siteId, site.figures]));
  const rows: ScorecardRow[] = filters.siteIds
    .map((siteId) => ({
      siteId,
      siteName: names.sites.get(siteId) ?? siteId,
      figures: figuresOf(bySite.get(siteId) ?? EMPTY_FIGURES),
    }))
    .sort((a, b) => a.siteName.localeCompare(b.siteName) || a.siteId.localeCompare(b.siteId));

  const active = new Set(aggregates.agents.map((raw) => raw.agentId));
  const idle = names.team.filter((id) => !active.has(id)).map((agentId) => idleAgent(agentId));
  const agents: AgentWorkload[] = [...aggregates.agents, ...idle].map((raw) => ({
    agentId: raw.agentId,
    name: names.agents.get(raw.agentId) ?? 'Former agent',
    handled: raw.handled,
    peakConcurrent: raw.peakConcurrent,
    messagesSent: raw.messagesSent,
    firstResponse: durationOf(raw.firstResponse),
    csatAnswers: raw.csatAnswers,
    csat: share(raw.csatSatisfied, raw.csatAnswers),
    timeOnline: seconds(raw.onlineMs),
    timeChatting: seconds(raw.chattingMs),
    utilisation: share(raw.chattingMs, raw.onlineMs),
  }));
  agents.sort((a, b) => a.name.localeCompare(b.name) || a.agentId.localeCompare(b.agentId));

  return {
    filters,
    totals: figuresOf(aggregates.totals),
    trend,
    heatmap: aggregates.heatmap,
    agents,
    scorecard: { rows, marks: marksOf(rows) },
    comments: aggregates.comments,
  };
}

/** Shares and seconds from counts and milliseconds. */
export function figuresOf(raw: RawFigures): ReportFigures {
  return {
    conversations: raw.conversations,
    chats: raw.chats,
    offlineMessages: raw.offlineMessages,
    missed: raw.missed,
    queueTime: durationOf(raw.queueTime),
    firstResponse: durationOf(raw.firstResponse),
    handling: durationOf(raw.handling),
    resolution: durationOf(raw.resolution),
    closed: raw.closed,
    resolved: raw.resolved,
    resolutionRate: share(raw.resolved, raw.closed),
    reopened: raw.reopened,
    complaints: {
      count: raw.complaints,
      share: share(raw.complaints, raw.conversations),
      timeToClose: durationOf(raw.complaintTimeToClose),
    },
    satisfaction: {
      asked: raw.asked,
      ratings: raw.ratings,
      csatAnswers: raw.csatAnswers,
      csat: share(raw.csatSatisfied, raw.csatAnswers),
      averageRating: raw.csatAnswers ? round(raw.csatSum / raw.csatAnswers, 2) : null,
      responseRate: share(raw.ratings, raw.asked),
    },
    nps: {
      responses: raw.npsResponses,
      promoters: raw.promoters,
      passives: raw.passives,
      detractors: raw.detractors,
      score: raw.npsResponses
        ? round(((raw.promoters - raw.detractors) / raw.npsResponses) * 100, 1)
        : null,
    },
    returning: { count: raw.returning, share: share(raw.returning, raw.conversations) },
  };
}

/** The value of each scorecard column, and whether more of it is better. */
const COLUMN_VALUES: Record<
  ScorecardColumn,
  { value: (figures: ReportFigures) => number | null; higherIsBetter: boolean }
> = {
  conversations: { value: (f) => f.conversations, higherIsBetter: true },
  missed: { value: (f) => f.missed, higherIsBetter: false },
  firstResponseMedian: { value: (f) => f.firstResponse.median, higherIsBetter: false },
  resolutionRate: { value: (f) => f.resolutionRate, higherIsBetter: true },
  complaints: { value: (f) => f.complaints.share, higherIsBetter: false },
  csat: { value: (f) => f.satisfaction.csat, higherIsBetter: true },
  nps: { value: (f) => f.nps.score, higherIsBetter: true },
};

function marksOf(rows: ScorecardRow[]): Record<ScorecardColumn, ScorecardMarks> {
  const marks = {} as Record<ScorecardColumn, ScorecardMarks>;
  for (const column of SCORECARD_COLUMNS) {
    const { value, higherIsBetter } = COLUMN_VALUES[column];
    const values = rows
      .map((row) => ({ siteId: row.siteId, value: value(row.figures) }))
      .filter((cell): cell is { siteId: string; value: number } => cell.value !== null);
    const numbers = values.map((cell) => cell.value);
    const high = Math.max(...numbers);
    const low = Math.min(...numbers);
    if (values.length < 2 || high === low) {
      marks[column] = { best: [], worst: [] };
      continue;
    }
    const sitesAt = (target: number) =>
      values.filter((cell) => cell.value === target).map((cell) => cell.siteId);
    marks[column] = higherIsBetter
      ? { best: sitesAt(high), worst: sitesAt(low) }
      : { best: sitesAt(low), worst: sitesAt(high) };
  }
  return marks;
}

function durationOf(stats: DurationStats): DurationFigure {
  return {
    count: stats.count,
    median: stats.medianMs === null ? null : seconds(stats.medianMs),
    p90: stats.p90Ms === null ? null : seconds(stats.p90Ms),
  };
}

function seconds(ms: number): number {
  return round(ms / 1000, 1);
}

function share(part: number, whole: number): number | null {
  return whole ? round(part / whole, 4) : null;
}

function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

function idleAgent(agentId: string): RawAgentWorkload {
  return {
    agentId,
    handled: 0,
    peakConcurrent: 0,
    messagesSent: 0,
    firstResponse: NO_DURATIONS,
    csatAnswers: 0,
    csatSatisfied: 0,
    onlineMs: 0,
    chattingMs: 0,
  };
}

const NO_DURATIONS: DurationStats = { count: 0, medianMs: null, p90Ms: null };

/** The figures of a slice with no conversations. */
export const EMPTY_FIGURES: RawFigures = {
  conversations: 0,
  chats: 0,
  offlineMessages: 0,
  missed: 0,
  queueTime: NO_DURATIONS,
  firstResponse: NO_DURATIONS,
  handling: NO_DURATIONS,
  resolution: NO_DURATIONS,
  closed: 0,
  resolved: 0,
  reopened: 0,
  complaints: 0,
  complaintTimeToClose: NO_DURATIONS,
  asked: 0,
  ratings: 0,
  csatAnswers: 0,
  csatSatisfied: 0,
  csatSum: 0,
  npsResponses: 0,
  promoters: 0,
  passives: 0,
  detractors: 0,
  returning: 0,
};
