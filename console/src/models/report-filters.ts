import type { ReportPeriod, ReportQuery } from '@parley/shared';

/** The filters of the reports page as its address holds them; null and [] mean the relay's default. */
export interface ReportFilterState {
  /** Empty: every site the viewer sees. */
  siteIds: string[];
  agentId: string | null;
  period: ReportPeriod;
  /** `YYYY-MM`, for the `month` period. */
  month: string | null;
  /** Local dates `YYYY-MM-DD`, for the `custom` period (both days included). */
  from: string | null;
  to: string | null;
  /** Null: the relay picks (the first site's business-hours zone, else UTC). */
  timeZone: string | null;
  businessHours: boolean;
}

const PERIODS: readonly ReportPeriod[] = ['today', '7d', '30d', 'month', 'custom'];
const DEFAULT_PERIOD: ReportPeriod = '30d';
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The relay's defaults: every site, everyone, the last 30 days. */
export const DEFAULT_REPORT_FILTERS: ReportFilterState = {
  siteIds: [],
  agentId: null,
  period: DEFAULT_PERIOD,
  month: null,
  from: null,
  to: null,
  timeZone: null,
  businessHours: false,
};

/**
 * Reads the filters from a query string (with or without the `?`). What a hand-edited link gets
 * wrong is dropped rather than guessed at; a custom range without both days is left for the relay
 * to refuse, so the page says why.
 */
export function parseReportSearch(search: string): ReportFilterState {
  const params = new URLSearchParams(search);
  const text = (key: string) => params.get(key)?.trim() || null;
  const period = PERIODS.find((candidate) => candidate === params.get('period')) ?? DEFAULT_PERIOD;
  const month = text('month');
  const from = text('from');
  const to = text('to');
  return {
    siteIds: [
      ...new Set(
        (params.get('siteIds') ?? '')
          .split(',')
          .map((id) => id.trim())
          .filter(Boolean),
      ),
    ],
    agentId: text('agentId'),
    period,
    month: period === 'month' && month && MONTH.test(month) ? month : null,
    from: period === 'custom' && from && DATE.test(from) ? from : null,
    to: period === 'custom' && to && DATE.test(to) ? to : null,
    timeZone: text('timeZone'),
    businessHours: params.get('businessHours') === 'true',
  };
}

/** The query string of `filters` (no `?`), leaving out defaults so shared links stay short. */
export function formatReportSearch(filters: ReportFilterState): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(toReportQuery(filters))) {
    if (value === undefined) continue;
    if (key === 'period' && value === DEFAULT_PERIOD) continue;
    params.set(key, value);
  }
  return params.toString();
}

/** The filters as GET /api/reports takes them. */
export function toReportQuery(filters: ReportFilterState): ReportQuery {
  // Keys in the order a reader of the address expects: which sites and agent, then which days.
  const query: ReportQuery = {};
  if (filters.siteIds.length > 0) query.siteIds = filters.siteIds.join(',');
  if (filters.agentId) query.agentId = filters.agentId;
  query.period = filters.period;
  if (filters.period === 'month' && filters.month) query.month = filters.month;
  if (filters.period === 'custom') {
    if (filters.from) query.from = filters.from;
    if (filters.to) query.to = filters.to;
  }
  if (filters.timeZone) query.timeZone = filters.timeZone;
  if (filters.businessHours) query.businessHours = 'true';
  return query;
}
