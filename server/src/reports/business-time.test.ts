import { describe, expect, it } from 'vitest';
import type { BusinessHours } from '@parley/shared';
import { businessMs } from './business-time';
import { ZonedClock } from './zoned-clock';

const HOUR = 3_600_000;
const at = (iso: string) => Date.parse(iso);

/** Warsaw, Monday to Friday 09:00–17:00, and a night shift Friday 22:00 → Saturday 02:00. */
const warsaw: BusinessHours = {
  timeZone: 'Europe/Warsaw',
  days: [
    ...[1, 2, 3, 4, 5].map((day) => ({ day, open: '09:00', close: '17:00' })),
    { day: 5, open: '22:00', close: '02:00' },
  ],
};

describe('business time', () => {
  it('counts only the opening hours of a wait, across evenings and a weekend', () => {
    // Thursday 16:30 local (CET, UTC+1) to the next Monday 09:15: 30 min + Friday 8 h + the
    // night shift 4 h + 15 min on Monday.
    const start = at('2026-11-26T15:30:00Z');
    const end = at('2026-11-30T08:15:00Z');
    expect(businessMs(warsaw, start, end)).toBe(30 * 60_000 + 8 * HOUR + 4 * HOUR + 15 * 60_000);
  });

  it('counts a night range from the day it opens, past midnight', () => {
    // Saturday 01:00 to 03:00 local: the Friday night range is open until 02:00.
    expect(businessMs(warsaw, at('2026-11-28T00:00:00Z'), at('2026-11-28T02:00:00Z'))).toBe(HOUR);
  });

  it('reads the hours in the site zone on both sides of a DST change', () => {
    // Friday 23 October (CEST, UTC+2) 09:00–17:00 is 07:00–15:00 UTC; Monday 26 October (CET,
    // UTC+1) is 08:00–16:00 UTC. A wait from Friday 14:00 UTC to Monday 09:00 UTC: 1 h Friday,
    // the night shift 22:00–02:00 local (4 h), 1 h Monday.
    const start = at('2026-10-23T14:00:00Z');
    const end = at('2026-10-26T09:00:00Z');
    expect(businessMs(warsaw, start, end)).toBe(6 * HOUR);
  });

  it('is zero outside the hours, and for an empty or backward interval', () => {
    expect(businessMs(warsaw, at('2026-11-29T10:00:00Z'), at('2026-11-29T12:00:00Z'))).toBe(0);
    expect(businessMs(warsaw, at('2026-11-30T10:00:00Z'), at('2026-11-30T09:00:00Z'))).toBe(0);
  });
});

describe('zoned clock', () => {
  it('knows local days and hours across a DST change, and the instant of a local midnight', () => {
    const clock = new ZonedClock('Europe/Warsaw');
    // 25 October 2026: 00:00 is UTC+2, the day after it is UTC+1; the day lasts 25 hours.
    const midnight = clock.instantOf('2026-10-25');
    const next = clock.instantOf('2026-10-26');
    expect(new Date(midnight).toISOString()).toBe('2026-10-24T22:00:00.000Z');
    expect(next - midnight).toBe(25 * HOUR);
    expect(clock.local(at('2026-10-25T23:30:00Z'))).toMatchObject({
      date: '2026-10-26',
      weekday: 1,
      hour: 0,
    });
    expect(clock.local(at('2026-10-25T00:30:00Z'))).toMatchObject({
      date: '2026-10-25',
      weekday: 0,
      hour: 2,
    });
  });

  it('reads a wall time skipped by spring forward with the offset before the change', () => {
    // 29 March 2026, 02:30 does not exist in Warsaw; read as UTC+1 it is 01:30 UTC (03:30 CEST).
    const clock = new ZonedClock('Europe/Warsaw');
    expect(new Date(clock.instantOf('2026-03-29', 150)).toISOString()).toBe(
      '2026-03-29T01:30:00.000Z',
    );
  });

  it('handles half-hour zones', () => {
    const clock = new ZonedClock('Asia/Kolkata');
    expect(clock.local(at('2026-11-30T18:29:00Z'))).toMatchObject({
      date: '2026-11-30',
      weekday: 1,
      hour: 23,
    });
    expect(new Date(clock.instantOf('2026-12-01')).toISOString()).toBe('2026-11-30T18:30:00.000Z');
  });
});
