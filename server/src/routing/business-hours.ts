import type { BusinessHours } from '@parley/shared';

/**
 * True when `at` falls inside the site's opening hours, read in the site's own time zone.
 * `null` hours mean the site is always open. A day may have several ranges; a range whose close is
 * before its open runs past midnight.
 */
export function isWithinBusinessHours(hours: BusinessHours | null, at: Date): boolean {
  if (!hours) return true;
  const { weekday, minutes } = localTime(hours.timeZone, at);
  const previousDay = (weekday + 6) % 7;
  return hours.days.some((range) => {
    const open = toMinutes(range.open);
    const close = toMinutes(range.close);
    if (open <= close) return range.day === weekday && minutes >= open && minutes < close;
    return (
      (range.day === weekday && minutes >= open) || (range.day === previousDay && minutes < close)
    );
  });
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

function localTime(timeZone: string, at: Date): { weekday: number; minutes: number } {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (type: string) => parts.find((part) => part.type === type)?.value ?? '';
  return {
    weekday: WEEKDAYS.indexOf(get('weekday')),
    minutes: Number(get('hour')) * 60 + Number(get('minute')),
  };
}

function toMinutes(hhmm: string): number {
  const [hours = 0, minutes = 0] = hhmm.split(':').map(Number);
  return hours * 60 + minutes;
}
