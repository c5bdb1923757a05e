import type { Agent, ReportFilters, ReportPeriod, Site } from '@parley/shared';
import type { ReportFilterState } from '../../models/report-filters';

const PERIODS: { value: ReportPeriod; label: string }[] = [
  { value: 'today', label: 'Today' },
  { value: '7d', label: 'Last 7 days' },
  { value: '30d', label: 'Last 30 days' },
  { value: 'month', label: 'A month' },
  { value: 'custom', label: 'Custom range' },
];

/**
 * Which sites, agent, days and time zone the report covers. Each change is applied at once (a new
 * address and a new report); `shown` is what the relay resolved, used to fill in the defaults.
 */
export function ReportFiltersForm(props: {
  filters: ReportFilterState;
  shown: ReportFilters | null;
  sites: Site[];
  agents: Agent[];
  onChange: (patch: Partial<ReportFilterState>) => void;
}) {
  const { filters, shown, onChange } = props;
  const allSites = props.sites.map((site) => site.id);
  const ticked = filters.siteIds.length === 0 ? allSites : filters.siteIds;

  function toggleSite(siteId: string, on: boolean): void {
    const next = on ? [...ticked, siteId] : ticked.filter((id) => id !== siteId);
    // Every site ticked is the default, and keeps links short.
    const everySite = allSites.every((id) => next.includes(id));
    onChange({ siteIds: everySite ? [] : allSites.filter((id) => next.includes(id)) });
  }

  function choosePeriod(period: ReportPeriod): void {
    if (period === 'month') {
      onChange({ period, month: filters.month ?? (shown?.toDate ?? today()).slice(0, 7) });
    } else if (period === 'custom') {
      onChange({
        period,
        from: filters.from ?? shown?.fromDate ?? today(),
        to: filters.to ?? shown?.toDate ?? today(),
      });
    } else {
      onChange({ period });
    }
  }

  const timeZone = filters.timeZone ?? shown?.timeZone ?? '';
  return (
    <form class="report-filters" aria-label="Report filters" onSubmit={(e) => e.preventDefault()}>
      {props.sites.length > 0 && (
        <fieldset class="site-checks">
          <legend>Sites</legend>
          {props.sites.map((site) => {
            const on = ticked.includes(site.id);
            return (
              <label class="check" key={site.id}>
                <input
                  type="checkbox"
                  checked={on}
                  // A report covers at least one site.
                  disabled={on && ticked.length === 1}
                  onChange={(e) => toggleSite(site.id, e.currentTarget.checked)}
                />
                {site.name}
              </label>
            );
          })}
        </fieldset>
      )}
      <label class="field">
        <span>Agent</span>
        <select
          value={filters.agentId ?? ''}
          onChange={(e) => onChange({ agentId: e.currentTarget.value || null })}
        >
          <option value="">All agents</option>
          {props.agents.map((agent) => (
            <option key={agent.id} value={agent.id}>
              {agent.name}
            </option>
          ))}
        </select>
      </label>
      <label class="field">
        <span>Period</span>
        <select
          value={filters.period}
          onChange={(e) => choosePeriod(e.currentTarget.value as ReportPeriod)}
        >
          {PERIODS.map((period) => (
            <option key={period.value} value={period.value}>
              {period.label}
            </option>
          ))}
        </select>
      </label>
      {filters.period === 'month' && (
        <label class="field">
          <span>Month</span>
          <input
            type="month"
            required
            value={filters.month ?? ''}
            onChange={(e) => e.currentTarget.value && onChange({ month: e.currentTarget.value })}
          />
        </label>
      )}
      {filters.period === 'custom' && (
        <>
          <label class="field">
            <span>From</span>
            <input
              type="date"
              required
              value={filters.from ?? ''}
              max={filters.to ?? undefined}
              onChange={(e) => e.currentTarget.value && onChange({ from: e.currentTarget.value })}
            />
          </label>
          <label class="field">
            <span>To</span>
            <input
              type="date"
              required
              value={filters.to ?? ''}
              min={filters.from ?? undefined}
              onChange={(e) => e.currentTarget.value && onChange({ to: e.currentTarget.value })}
            />
          </label>
        </>
      )}
      <label class="field">
        <span>Time zone</span>
        <select
          value={timeZone}
          onChange={(e) => onChange({ timeZone: e.currentTarget.value || null })}
        >
          {timeZone === '' && <option value="">The sites’ own</option>}
          {timeZones(timeZone).map((zone) => (
            <option key={zone} value={zone}>
              {zone}
            </option>
          ))}
        </select>
      </label>
      <label class="check">
        <input
          type="checkbox"
          checked={filters.businessHours}
          onChange={(e) => onChange({ businessHours: e.currentTarget.checked })}
        />
        Business hours only
      </label>
    </form>
  );
}

let zones: string[] | null = null;
/** The browser's IANA zones, plus the one in use (UTC is not always in the browser's list). */
function timeZones(current: string): string[] {
  zones ??= typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  if (!zones.includes('UTC')) zones = ['UTC', ...zones];
  return current && !zones.includes(current) ? [current, ...zones] : zones;
}

/** Today's local date as `YYYY-MM-DD`, when the report has not said which days it covers yet. */
function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
