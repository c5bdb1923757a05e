import { describe, expect, it } from 'vitest';
import en from '../i18n/en';
import { errorText } from './error-text';

describe('error text', () => {
  it('tells a rate-limited visitor how many seconds to wait when the relay said', () => {
    expect(errorText('RATE_LIMITED', en, 4_200)).toContain('try again in 5 s');
    expect(errorText('RATE_LIMITED', en)).toBe(en.errors.rateLimited);
  });

  it('words a code from a newer relay, which this widget does not know, as a generic error', () => {
    expect(errorText('SOMETHING_NEW' as never, en)).toBe(en.errors.generic);
  });
});
