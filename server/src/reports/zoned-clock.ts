/**
 * Wall-clock arithmetic in one IANA time zone, fast enough for a pass over 100,000 conversations:
 * the zone's UTC offset is asked of Intl once per quarter hour of real time and remembered, since
 * offsets only ever change on quarter-hour boundaries.
 */
const QUARTER_HOUR = 15 * 60_000;
const DAY = 86_400_000;

/** A local calendar date and time of day. */
export interface LocalTime {
  /** `YYYY-MM-DD` */
  date: string;
  /** 0 = Sunday */
  weekday: number;
  hour: number;
}

export class ZonedClock {
  readonly #format: Intl.DateTimeFormat;
  readonly #offsets = new Map<number, number>();

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
      this.#offsets.set(bucket, offset);
    }
    return offset;
  }

  /** The local date, weekday and hour of `instant` (epoch ms). */
  local(instant: number): LocalTime {
    const wall = new Date(instant + this.offsetAt(instant));
    return {
      date: wall.toISOString().slice(0, 10),
      weekday: wall.getUTCDay(),
      hour: wall.getUTCHours(),
    };
  }

  /**
   * The instant at which the local clock shows `date` (`YYYY-MM-DD`) at `minutes` past midnight.
   * Minutes past 24 h roll into the next days. A wall time skipped by a DST change is read with
   * the offset before the change, as PostgreSQL does.
   */
  instantOf(date: string, minutes = 0): number {
    const wall = Date.parse(`${date}T00:00:00Z`) + minutes * 60_000;
    const guess = wall - this.offsetAt(wall - this.offsetAt(wall));
    if (guess + this.offsetAt(guess) === wall) return guess;
    // In the gap of a spring-forward change: read it with the offset before the change.
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

/** The local date `days` after `date` (both `YYYY-MM-DD`). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}
