import { afterEach, describe, expect, it, vi } from 'vitest';
import { browserTimeZone } from './time-zone';

function reportZone(timeZone: string | undefined) {
  const options = { ...Intl.DateTimeFormat().resolvedOptions(), timeZone: timeZone as string };
  vi.spyOn(Intl.DateTimeFormat.prototype, 'resolvedOptions').mockReturnValue(options);
}

describe("the visitor's time zone", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('is the zone the browser reports', () => {
    reportZone('Asia/Ho_Chi_Minh');
    expect(browserTimeZone()).toBe('Asia/Ho_Chi_Minh');
  });

  it('is left out when the browser cannot tell', () => {
    reportZone('Etc/Unknown');
    expect(browserTimeZone()).toBeUndefined();
    reportZone(undefined);
    expect(browserTimeZone()).toBeUndefined();
  });
});
