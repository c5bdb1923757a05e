import { describe, expect, it } from 'vitest';
import { isWithinBusinessHours } from './business-hours';

const warsawWeekdays = {
  timeZone: 'Europe/Warsaw',
  days: [1, 2, 3, 4, 5].map((day) => ({ day, open: '09:00', close: '17:00' })),
};

describe('isWithinBusinessHours', () => {
  it('treats a site without hours as always open', () => {
    expect(isWithinBusinessHours(null, new Date())).toBe(true);
  });

  it('reads the hours in the site time zone, not the server one', () => {
    // Monday 2026-11-23 08:30 UTC is 09:30 in Warsaw (UTC+1): open.
    expect(isWithinBusinessHours(warsawWeekdays, new Date('2026-11-23T08:30:00Z'))).toBe(true);
    // 07:30 UTC is 08:30 in Warsaw: not yet open.
    expect(isWithinBusinessHours(warsawWeekdays, new Date('2026-11-23T07:30:00Z'))).toBe(false);
  });

  it('is closed on a day without hours', () => {
    // Sunday 2026-11-22 12:00 Warsaw.
    expect(isWithinBusinessHours(warsawWeekdays, new Date('2026-11-22T11:00:00Z'))).toBe(false);
  });

  it('supports a range that runs past midnight', () => {
    const nightShift = { timeZone: 'UTC', days: [{ day: 1, open: '22:00', close: '02:00' }] };
    expect(isWithinBusinessHours(nightShift, new Date('2026-11-23T23:00:00Z'))).toBe(true);
    expect(isWithinBusinessHours(nightShift, new Date('2026-11-24T01:00:00Z'))).toBe(true);
    expect(isWithinBusinessHours(nightShift, new Date('2026-11-24T03:00:00Z'))).toBe(false);
  });
});
