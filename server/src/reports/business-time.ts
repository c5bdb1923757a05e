/**
 * How much of a wait fell inside a site's opening hours. Reports use it for "business hours
 * only": a chat queued on Friday evening and answered on Monday morning waited minutes, not days.
 */
import type { BusinessHours } from '@parley/shared';
import { weekdayOfDay, ZonedClock } from './zoned-clock';

const clocks = new Map<string, ZonedClock>();

/** A clock per zone, kept: its caches are what make a long report fast. */
export function clockOf(timeZone: string): ZonedClock {
  let clock = clocks.get(timeZone);
  if (!clock) clocks.set(timeZone, (clock = new ZonedClock(timeZone)));
  return clock;
}

/** Opening ranges as minutes past local midnight, by weekday; parsed once per hours object. */
const parsedHours = new WeakMap<BusinessHours, Array<Array<[number, number]>>>();

function rangesOf(hours: BusinessHours): Array<Array<[number, number]>> {
  let byWeekday = parsedHours.get(hours);
  if (!byWeekday) {
    byWeekday = Array.from({ length: 7 }, () => []);
    for (const range of hours.days) {
      const open = minutesOf(range.open);
      const close = minutesOf(range.close);
      // A range that closes when it opens is empty; one closing earlier runs past midnight.
      if (open !== close) byWeekday[range.day]!.push([open, close > open ? close : close + 1440]);
    }
    parsedHours.set(hours, byWeekday);
  }
  return byWeekday;
}

/**
 * Milliseconds of [start, end) (epoch ms) inside the opening ranges of `hours`, read in their own
 * zone.
 */
export function businessMs(hours: BusinessHours, start: number, end: number): number {
  if (end <= start) return 0;
  const clock = clockOf(hours.timeZone);
  const byWeekday = rangesOf(hours);
  // From the day before the start: its overnight range may still be open.
  const lastDay = clock.local(end).day;
  let total = 0;
  for (let day = clock.local(start).day - 1; day <= lastDay; day += 1) {
    for (const [open, close] of byWeekday[weekdayOfDay(day)]!) {
      const opensAt = clock.instantOf(day, open);
      const closesAt = clock.instantOf(day, close);
      total += Math.max(0, Math.min(end, closesAt) - Math.max(start, opensAt));
    }
  }
  return total;
}

function minutesOf(hhmm: string): number {
  const [hours = 0, minutes = 0] = hhmm.split(':').map(Number);
  return hours * 60 + minutes;
}
