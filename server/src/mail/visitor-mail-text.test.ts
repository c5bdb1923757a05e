import { describe, expect, it } from 'vitest';
import { visitorLocale } from './visitor-mail-text';

describe('the language of a visitor’s email', () => {
  it('is the widget’s language, regional tags included', () => {
    expect(visitorLocale('pl-PL', 'auto')).toBe('pl');
    expect(visitorLocale('vi', 'ro')).toBe('vi');
  });

  it('falls back to the site’s fixed default, or English when the site follows the browser', () => {
    expect(visitorLocale(null, 'ro')).toBe('ro');
    expect(visitorLocale('de-DE', 'auto')).toBe('en');
    expect(visitorLocale(null, 'auto')).toBe('en');
  });
});
