/**
 * Wall-clock arithmetic in one IANA time zone, fast enough for a pass over 100,000 conversations:
 * the zone's UTC offset is asked of Intl once per quarter hour of real time and remembered (offsets
 * only ever change on quarter-hour boundaries), and so is the local day and hour of that quarter.
 */
const QUARTER_HOUR = 15 * 60_000;
const DAY = 86_400_000;
/** About six years of quarter hours: caches are emptied beyond that, so they stay bounded. */
const MAX_CACHED = 200_000;

/** A local calendar date and time of day. */
export interface LocalTime {
  /** `YYYY-MM-DD` */
  readonly date: string;
  /** Days since 1970-01-01 of that local date. */
  readonly day: number;
  /** 0 = Sunday */
  readonly weekday: number;
  readonly hour: number;
}

export class ZonedClock {
  readonly #format: Intl.DateTimeFormat;
  readonly #offsets = new Map<number, number>();
  readonly #locals = new Map<number, LocalTime>();

  constructor(readonly timeZone: string) {
    this.#format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
  }

  /** Milliseconds to add to UTC to get the local wall time at `instant`. */
  offsetAt(instant: number): number {
    const bucket = Math.floor(instant / QUARTER_HOUR);
    let offset = this.#offsets.get(bucket);
    if (offset === undefined) {
      offset = this.#measureOffset(bucket * QUARTER_HOUR);
      if (this.#offsets.size >= MAX_CACHED) this.#offsets.clear();
      this.#offsets.set(bucket, offset);
    }
    return offset;
  }

  /** The local date, weekday and hour of `instant` (epoch ms); the same object for a quarter hour. */
  local(instant: number): LocalTime {
    const bucket = Math.floor(instant / QUARTER_HOUR);
    let local = this.#locals.get(bucket);
    if (!local) {
      const wall = bucket * QUARTER_HOUR + this.offsetAt(instant);
      const day = Math.floor(wall / DAY);
      local = {
        date: dateOfDay(day),
        day,
        weekday: weekdayOfDay(day),
        hour: Math.floor((wall - day * DAY) / 3_600_000),
      };
      if (this.#locals.size >= MAX_CACHED) this.#locals.clear();
      this.#locals.set(bucket, local);
    }
    return local;
  }

  /**
   * The instant at which the local clock shows local day `day` (days since 1970-01-01, or a
   * `YYYY-MM-DD` date) at `minutes` past midnight; minutes past 24 h roll into the next days.
   * A wall time skipped by a DST change is read with the offset before the change, as PostgreSQL
   * does.
   */
  instantOf(day: number | string, minutes = 0): number {
    const dayNumber = typeof day === 'string' ? dayOfDate(day) : day;
    const wall = dayNumber * DAY + minutes * 60_000;
    const guess = wall - this.offsetAt(wall - this.offsetAt(wall));
    if (guess + this.offsetAt(guess) === wall) return guess;
    return wall - this.offsetAt(wall - DAY);
  }

  #measureOffset(instant: number): number {
    const parts: Record<string, number> = {};
    for (const part of this.#format.formatToParts(instant)) {
      if (part.type !== 'literal') parts[part.type] = Number(part.value);
    }
    const wall = Date.UTC(
      parts.year!,
      parts.month! - 1,
      parts.day!,
      parts.hour!,
      parts.minute!,
      parts.second!,
    );
    return wall - Math.floor(instant / 1000) * 1000;
  }
}

/** Days since 1970-01-01 of a `YYYY-MM-DD` date. */
export function dayOfDate(date: string): number {
  return Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY);
}

/** The `YYYY-MM-DD` date of a day number. */
export function dateOfDay(day: number): string {
  return new Date(day * DAY).toISOString().slice(0, 10);
}

/** 0 = Sunday; 1970-01-01 was a Thursday. */
export function weekdayOfDay(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** The local date `days` after `date` (both `YYYY-MM-DD`). */
export function addDays(date: string, days: number): string {
  return dateOfDay(dayOfDate(date) + days);
}
