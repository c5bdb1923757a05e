/**
 * Regions where the whole country keeps one time zone, so a locale such as "vi-VN" honestly implies
 * the visitor's local time. Multi-zone regions (US, CA, BR, AU, RU, MX, ID…) are left out on purpose:
 * for them, and for locales without a region, the console shows the locale and no time.
 */
const SINGLE_ZONE_REGIONS: Readonly<Record<string, string>> = {
  AT: 'Europe/Vienna',
  BE: 'Europe/Brussels',
  BG: 'Europe/Sofia',
  CH: 'Europe/Zurich',
  CZ: 'Europe/Prague',
  DE: 'Europe/Berlin',
  DK: 'Europe/Copenhagen',
  EE: 'Europe/Tallinn',
  FI: 'Europe/Helsinki',
  GB: 'Europe/London',
  GR: 'Europe/Athens',
  HK: 'Asia/Hong_Kong',
  HR: 'Europe/Zagreb',
  HU: 'Europe/Budapest',
  IE: 'Europe/Dublin',
  IL: 'Asia/Jerusalem',
  IN: 'Asia/Kolkata',
  IT: 'Europe/Rome',
  JP: 'Asia/Tokyo',
  KR: 'Asia/Seoul',
  LT: 'Europe/Vilnius',
  LV: 'Europe/Riga',
  MD: 'Europe/Chisinau',
  NL: 'Europe/Amsterdam',
  NO: 'Europe/Oslo',
  PH: 'Asia/Manila',
  PL: 'Europe/Warsaw',
  RO: 'Europe/Bucharest',
  RS: 'Europe/Belgrade',
  SE: 'Europe/Stockholm',
  SG: 'Asia/Singapore',
  SI: 'Europe/Ljubljana',
  SK: 'Europe/Bratislava',
  TH: 'Asia/Bangkok',
  TR: 'Europe/Istanbul',
  TW: 'Asia/Taipei',
  UA: 'Europe/Kyiv',
  VN: 'Asia/Ho_Chi_Minh',
};

/** A visitor's locale and, when it can be known, their local time. */
export interface VisitorClock {
  locale: string;
  /** The language and region in English, e.g. "Vietnamese (Vietnam)". */
  label: string;
  timeZone: string | null;
  /** "14:05", or null when no time zone follows from the locale. */
  time: string | null;
}

/** Reads what a BCP 47 locale tells about the visitor; returns null without a locale. */
export function visitorClock(locale: string | null, now: number): VisitorClock | null {
  if (!locale) return null;
  let region: string | undefined;
  let language = locale;
  try {
    const parsed = new Intl.Locale(locale);
    region = parsed.region;
    language = parsed.language;
  } catch {
    return { locale, label: locale, timeZone: null, time: null };
  }
  const label = describeLocale(language, region) ?? locale;
  const timeZone = region ? (SINGLE_ZONE_REGIONS[region] ?? null) : null;
  const time = timeZone ? clockIn(timeZone, now) : null;
  return { locale, label, timeZone, time };
}

/** The visitor's local time and the zone it is in. */
export interface VisitorLocalTime {
  /** "14:05". */
  time: string;
  timeZone: string;
}

/**
 * The visitor's local time: from the time zone their browser reported when there is one, else
 * guessed from a locale whose region keeps one zone; null when neither tells.
 */
export function visitorLocalTime(
  visitor: { locale: string | null; timeZone: string | null },
  now: number,
): VisitorLocalTime | null {
  const { timeZone } = visitor;
  const reported = timeZone ? clockIn(timeZone, now) : null;
  if (timeZone && reported) return { time: reported, timeZone };
  const guess = visitorClock(visitor.locale, now);
  return guess?.time && guess.timeZone ? { time: guess.time, timeZone: guess.timeZone } : null;
}

function clockIn(timeZone: string, now: number): string | null {
  try {
    return new Date(now).toLocaleTimeString('en-GB', {
      timeZone,
      hour: '2-digit',
      minute: '2-digit',
    });
  } catch {
    // An unknown zone name throws a RangeError; the locale may still tell.
    return null;
  }
}

function describeLocale(language: string, region: string | undefined): string | null {
  try {
    const languageName = new Intl.DisplayNames(['en'], { type: 'language' }).of(language);
    if (!languageName) return null;
    if (!region) return languageName;
    const regionName = new Intl.DisplayNames(['en'], { type: 'region' }).of(region);
    return regionName ? `${languageName} (${regionName})` : languageName;
  } catch {
    return null;
  }
}
