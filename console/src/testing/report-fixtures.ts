import type { DurationFigure, Report, ReportFigures, ScorecardColumn } from '@parley/shared';

const duration = (count: number, median: number | null, p90: number | null): DurationFigure => ({
  count,
  median,
  p90,
});

/** The figures of a slice with nothing in it: every count 0, every share and duration null. */
export function emptyFigures(): ReportFigures {
  return {
    conversations: 0,
    chats: 0,
    offlineMessages: 0,
    missed: 0,
    queueTime: duration(0, null, null),
    firstResponse: duration(0, null, null),
    handling: duration(0, null, null),
    resolution: duration(0, null, null),
    closed: 0,
    resolved: 0,
    resolutionRate: null,
    reopened: 0,
    complaints: { count: 0, share: null, timeToClose: duration(0, null, null) },
    satisfaction: {
      asked: 0,
      ratings: 0,
      csatAnswers: 0,
      csat: null,
      averageRating: null,
      responseRate: null,
    },
    nps: { responses: 0, promoters: 0, passives: 0, detractors: 0, score: null },
    returning: { count: 0, share: null },
  };
}

/** Figures with distinct values, so a test can tell which one is shown where. */
export function makeFigures(overrides: Partial<ReportFigures> = {}): ReportFigures {
  return {
    ...emptyFigures(),
    conversations: 42,
    chats: 37,
    offlineMessages: 5,
    missed: 3,
    queueTime: duration(34, 41.5, 120),
    firstResponse: duration(34, 95, 300.2),
    handling: duration(30, 1260, 2400),
    resolution: duration(30, 1500, 3600),
    closed: 30,
    resolved: 24,
    resolutionRate: 0.8,
    reopened: 1,
    complaints: { count: 2, share: 0.0476, timeToClose: duration(2, 3600, 7200) },
    satisfaction: {
      asked: 30,
      ratings: 12,
      csatAnswers: 10,
      csat: 0.9,
      averageRating: 4.4,
      responseRate: 0.4,
    },
    nps: { responses: 8, promoters: 5, passives: 2, detractors: 1, score: 50 },
    returning: { count: 6, share: 0.1429 },
    ...overrides,
  };
}

const noMarks = (): Record<ScorecardColumn, { best: string[]; worst: string[] }> => ({
  conversations: { best: [], worst: [] },
  missed: { best: [], worst: [] },
  firstResponseMedian: { best: [], worst: [] },
  resolutionRate: { best: [], worst: [] },
  complaints: { best: [], worst: [] },
  csat: { best: [], worst: [] },
  nps: { best: [], worst: [] },
});

/** A three-day report of two sites, one agent row and one comment. */
export function makeReport(overrides: Partial<Report> = {}): Report {
  const heatmap = Array.from({ length: 7 }, () => Array.from({ length: 24 }, () => 0));
  // Tuesday 09:00–10:00 is the busiest hour.
  heatmap[2]![9] = 7;
  heatmap[4]![15] = 2;
  return {
    filters: {
      siteIds: ['site-1', 'site-2'],
      agentId: null,
      period: 'custom',
      timeZone: 'Europe/Bucharest',
      businessHours: false,
      fromDate: '2026-03-01',
      toDate: '2026-03-03',
      from: '2026-02-28T22:00:00.000Z',
      to: '2026-03-03T22:00:00.000Z',
    },
    totals: makeFigures(),
    trend: [
      { date: '2026-03-01', figures: makeFigures({ conversations: 10, missed: 1 }) },
      { date: '2026-03-02', figures: makeFigures({ conversations: 0, missed: 0 }) },
      { date: '2026-03-03', figures: makeFigures({ conversations: 32, missed: 2 }) },
    ],
    heatmap,
    agents: [
      {
        agentId: 'agent-1',
        name: 'Ana Agent',
        handled: 17,
        peakConcurrent: 4,
        messagesSent: 230,
        firstResponse: duration(17, 65, 200),
        csatAnswers: 6,
        csat: 0.8333,
        timeOnline: 36_000,
        timeChatting: 27_000,
        utilisation: 0.75,
      },
    ],
    scorecard: {
      rows: [
        {
          siteId: 'site-1',
          siteName: 'Shoe Shop',
          figures: makeFigures({ conversations: 30, missed: 1, nps: { ...npsOf(70) } }),
        },
        {
          siteId: 'site-2',
          siteName: 'Hat Shop',
          figures: makeFigures({ conversations: 12, missed: 2, nps: { ...npsOf(-10) } }),
        },
      ],
      marks: {
        ...noMarks(),
        conversations: { best: ['site-1'], worst: ['site-2'] },
        missed: { best: ['site-1'], worst: ['site-2'] },
        nps: { best: ['site-1'], worst: ['site-2'] },
      },
    },
    comments: [
      {
        conversationId: 'conv-9',
        siteId: 'site-2',
        agentId: 'agent-1',
        csat: 2,
        nps: 3,
        comment: 'The hat never arrived',
        createdAt: '2026-03-02T10:15:00.000Z',
      },
    ],
    ...overrides,
  };
}

function npsOf(score: number): ReportFigures['nps'] {
  return { responses: 10, promoters: 5, passives: 3, detractors: 2, score };
}
