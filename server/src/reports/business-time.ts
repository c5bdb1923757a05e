/**
 * How much of a wait fell inside a site's opening hours. Reports use it for "business hours
 * only": a chat queued on Friday evening and answered on Monday morning waited minutes, not days.
 */
import type { BusinessHours } from '@parley/shared';
import { addDays, ZonedClock } from './zoned-clock';

const clocks = new Map<string, ZonedClock>();

/** A clock per zone, kept: its offset cache is what makes a long report fast. */
export function clockOf(timeZone: string): ZonedClock {
  let clock = clocks.get(timeZone);
  if (!clock) clocks.set(timeZone, (clock = new ZonedClock(timeZone)));
  return clock;
}

/**
 * Milliseconds of [start, end) (epoch ms) inside the opening ranges of `hours`, read in their own
 * zone. A range closing before it opens runs past midnight into the next day; one that closes when
 * it opens is empty.
 */
export function businessMs(hours: BusinessHours, start: number, end: number): number {
  if (end <= start) return 0;
  const clock = clockOf(hours.timeZone);
  // The day before the start too: its overnight range may still be open.
  let day = addDays(clock.local(start).date, -1);
  const lastDay = clock.local(end).date;
  let total = 0;
  for (; day <= lastDay; day = addDays(day, 1)) {
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
    for (const range of hours.days) {
      if (range.day !== weekday) continue;
      const open = minutesOf(range.open);
      const close = minutesOf(range.close);
      if (open === close) continue;
      const opensAt = clock.instantOf(day, open);
      const closesAt = clock.instantOf(day, close > open ? close : close + 24 * 60);
      total += Math.max(0, Math.min(end, closesAt) - Math.max(start, opensAt));
    }
  }
  return total;
}

function minutesOf(hhmm: string): number {
  const [hours = 0, minutes = 0] = hhmm.split(':').map(Number);
  return hours * 60 + minutes;
}
