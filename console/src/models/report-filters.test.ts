import { describe, expect, test } from 'vitest';
import {
  DEFAULT_REPORT_FILTERS,
  formatReportSearch,
  parseReportSearch,
  toReportQuery,
  type ReportFilterState,
} from './report-filters';

describe('report filters in the address', () => {
  test('every filter survives a trip through the address', () => {
    const samples: ReportFilterState[] = [
      DEFAULT_REPORT_FILTERS,
      { ...DEFAULT_REPORT_FILTERS, period: 'today' },
      {
        siteIds: ['site-1', 'site 2'],
        agentId: 'agent-1',
        period: 'custom',
        month: null,
        from: '2026-02-27',
        to: '2026-03-04',
        timeZone: 'America/Argentina/Buenos_Aires',
        businessHours: true,
      },
      { ...DEFAULT_REPORT_FILTERS, period: 'month', month: '2025-12', timeZone: 'UTC' },
    ];
    for (const filters of samples) {
      expect(parseReportSearch(formatReportSearch(filters))).toEqual(filters);
    }
  });

  test('the defaults leave the address bare, and a link reads in order', () => {
    expect(formatReportSearch(DEFAULT_REPORT_FILTERS)).toBe('');
    expect(
      formatReportSearch({
        ...DEFAULT_REPORT_FILTERS,
        siteIds: ['a', 'b'],
        period: 'month',
        month: '2026-03',
        businessHours: true,
      }),
    ).toBe('siteIds=a%2Cb&period=month&month=2026-03&businessHours=true');
  });

  test('a hand-edited link loses what it gets wrong instead of guessing', () => {
    expect(
      parseReportSearch(
        '?period=fortnight&month=2026-13&siteIds=,x,,x,&businessHours=yes&from=2026-01-01',
      ),
    ).toEqual({ ...DEFAULT_REPORT_FILTERS, siteIds: ['x'] });
    // A month or a range belongs to its period only.
    expect(parseReportSearch('period=7d&month=2026-01&from=2026-01-01&to=2026-01-02')).toEqual({
      ...DEFAULT_REPORT_FILTERS,
      period: '7d',
    });
  });

  test('the relay is asked with its own parameter names and values', () => {
    expect(
      toReportQuery({
        ...DEFAULT_REPORT_FILTERS,
        siteIds: ['s1', 's2'],
        period: 'custom',
        from: '2026-03-01',
        to: '2026-03-02',
        businessHours: true,
      }),
    ).toEqual({
      siteIds: 's1,s2',
      period: 'custom',
      from: '2026-03-01',
      to: '2026-03-02',
      businessHours: 'true',
    });
  });
});
