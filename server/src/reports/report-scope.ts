/**
 * From a report's query string to what the store computes: which sites the viewer may see, the
 * period's days and instants in the chosen zone, and each site's hours and rating settings.
 */
import { ParleyError, type BusinessHours, type ReportFilters, type Site } from '@parley/shared';
import type { ParsedReportQuery } from '@parley/shared/schemas';
import type { AgentRecord } from '../storage/store';
import { clockOf } from './business-time';
import type { ReportScope } from './report-aggregates';
import { addDays } from './zoned-clock';

/** The longest custom range: a little over a year, so a report stays a report. */
const MAX_DAYS = 400;

export interface ResolvedReport {
  filters: ReportFilters;
  scope: ReportScope;
}

/**
 * `sites` are the sites the viewer serves. Throws FORBIDDEN for a site they do not serve, or for
 * an agent asking about a colleague; VALIDATION_FAILED for a range that is too long.
 */
export function resolveReport(
  viewer: AgentRecord,
  sites: readonly Site[],
  query: ParsedReportQuery,
  now: string,
): ResolvedReport {
  const served = new Map(sites.map((site) => [site.id, site]));
  const siteIds = query.siteIds?.length ? [...new Set(query.siteIds)] : [...served.keys()];
  for (const siteId of siteIds)
    if (!served.has(siteId)) throw new ParleyError('FORBIDDEN', 'You do not serve this site');
  const agentId = query.agentId ?? null;
  if (viewer.role !== 'owner' && agentId !== null && agentId !== viewer.id)
    throw new ParleyError('FORBIDDEN', "Only owners see a colleague's report");

  const chosen = siteIds.map((id) => served.get(id)!);
  const timeZone = query.timeZone ?? chosen[0]?.widget.businessHours?.timeZone ?? 'UTC';
  const clock = clockOf(timeZone);
  const [fromDate, toDate] = periodDays(query, clock.local(Date.parse(now)).date);
  if (dayCount(fromDate, toDate) > MAX_DAYS)
    throw new ParleyError('VALIDATION_FAILED', `A report covers at most ${MAX_DAYS} days`);

  const from = new Date(clock.instantOf(fromDate)).toISOString();
  const to = new Date(clock.instantOf(addDays(toDate, 1))).toISOString();
  const businessHours = query.businessHours ?? false;
  return {
    filters: {
      siteIds,
      agentId,
      period: query.period,
      timeZone,
      businessHours,
      fromDate,
      toDate,
      from,
      to,
    },
    scope: {
      siteIds,
      agentId,
      from,
      to,
      timeZone,
      businessHours: businessHours ? hoursOf(chosen) : null,
      ratingSiteIds: chosen
        .filter((site) => site.widget.rating.csat || site.widget.rating.nps)
        .map((site) => site.id),
      now,
    },
  };
}

/** First and last local day of the period; `today` is the viewer's today in the report's zone. */
function periodDays(query: ParsedReportQuery, today: string): [string, string] {
  switch (query.period) {
    case 'today':
      return [today, today];
    case '7d':
      return [addDays(today, -6), today];
    case '30d':
      return [addDays(today, -29), today];
    case 'month': {
      const month = query.month ?? today.slice(0, 7);
      const first = `${month}-01`;
      return [first, addDays(`${addDays(first, 31).slice(0, 7)}-01`, -1)];
    }
    case 'custom':
      return [query.from!, query.to!];
  }
}

function dayCount(fromDate: string, toDate: string): number {
  return (Date.parse(toDate) - Date.parse(fromDate)) / 86_400_000 + 1;
}

function hoursOf(sites: readonly Site[]): Record<string, BusinessHours> {
  const hours: Record<string, BusinessHours> = {};
  for (const site of sites)
    if (site.widget.businessHours) hours[site.id] = site.widget.businessHours;
  return hours;
}
