/** The browser's IANA time zone for `visitor:hello`, or nothing when the browser cannot tell. */
export function browserTimeZone(): string | undefined {
  const zone: string | undefined = Intl.DateTimeFormat().resolvedOptions().timeZone;
  // Some systems report ICU's placeholder; the server rejects it, and with it the whole hello.
  return zone && zone !== 'Etc/Unknown' ? zone : undefined;
}
