const formats = new Map<string, Intl.DateTimeFormat>();

/** "14:05" / "2:05 PM", as the visitor's language writes it. */
export function formatTime(iso: string, locale: string): string {
  let format = formats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit' });
    formats.set(locale, format);
  }
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : format.format(date);
}
