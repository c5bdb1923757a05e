import { describe, expect, it } from 'vitest';
import en from '../i18n/en';
import { AVAILABLE_LOCALES, launcherText, matchLocale, resolveLocale } from './locale';
import { loadLocale } from './load-messages';

describe('choosing the language', () => {
  it('has text for en, vi, ro, tl and pl', () => {
    expect([...AVAILABLE_LOCALES].sort()).toEqual(['en', 'pl', 'ro', 'tl', 'vi']);
  });

  it('prefers the visitor’s choice, then the conversation’s language, then data-locale', () => {
    expect(resolveLocale(['tl', 'pl', 'vi'], 'ro', ['en'])).toBe('tl');
    expect(resolveLocale([null, 'pl', 'vi'], 'ro', ['en'])).toBe('pl');
    expect(resolveLocale([null, null, 'vi'], 'ro', ['en'])).toBe('vi');
  });

  it('then the site default, and the browser only when the site follows it (auto)', () => {
    expect(resolveLocale([null], 'pl', ['ro'])).toBe('pl');
    expect(resolveLocale([null], 'auto', ['de-DE', 'ro-RO'])).toBe('ro');
    expect(resolveLocale(['xx'], 'auto', ['de'])).toBe('en');
  });

  it('understands regional tags and Filipino', () => {
    expect(matchLocale('pl-PL')).toBe('pl');
    expect(matchLocale('fil-PH')).toBe('tl');
    expect(matchLocale('de')).toBeNull();
  });

  it('labels the launcher in every language, with plural forms', () => {
    expect(launcherText('en').open).toBe('Open chat');
    expect(launcherText('pl').unread(5)).toBe('5 nieprzeczytanych wiadomości');
    expect(launcherText('pl').unread(3)).toBe('3 nieprzeczytane wiadomości');
    expect(launcherText('ro').unread(20)).toBe('20 de mesaje necitite');
  });
});

describe('locale files', () => {
  it('translate every string English has', async () => {
    const keys = (value: object): string[] =>
      Object.entries(value).flatMap(([k, v]) =>
        typeof v === 'object' ? keys(v as object).map((sub) => `${k}.${sub}`) : [k],
      );
    for (const code of AVAILABLE_LOCALES) {
      const messages = await loadLocale(code);
      expect(keys(messages).sort(), code).toEqual(keys(en).sort());
      for (const [key, value] of Object.entries(messages)) {
        if (typeof value === 'string') expect(value.trim(), `${code}.${key}`).not.toBe('');
      }
    }
  });
});
