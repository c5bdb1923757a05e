/**
 * Which language the widget speaks. Every file in ../i18n is a locale; its `launcher` labels are
 * bundled here (they are tiny), so adding a locale means adding one file and nothing else.
 */
import { localeOfPath } from './locale-path';
import type { LauncherText } from './messages';

const launcherByPath = import.meta.glob<LauncherText>('../i18n/*.ts', {
  eager: true,
  import: 'launcher',
});

/** Launcher labels per locale code. */
export const LAUNCHER_TEXT: Readonly<Record<string, LauncherText>> = Object.fromEntries(
  Object.entries(launcherByPath).map(([path, text]) => [localeOfPath(path), text]),
);

/** Locale codes the widget has text for. */
export const AVAILABLE_LOCALES: readonly string[] = Object.keys(LAUNCHER_TEXT);

// Browsers report Filipino as `fil`; our Tagalog text serves it.
const ALIASES: Readonly<Record<string, string>> = { fil: 'tl' };

/** Maps a language tag (`pl-PL`, `fil`) to an available locale, or null. */
export function matchLocale(
  tag: string | null | undefined,
  available: readonly string[] = AVAILABLE_LOCALES,
): string | null {
  if (!tag) return null;
  const lower = tag.toLowerCase();
  const base = lower.split('-')[0] ?? lower;
  for (const candidate of [lower, base, ALIASES[base]]) {
    if (candidate && available.includes(candidate)) return candidate;
  }
  return null;
}

/**
 * The first language we have text for among `preferred` (in order: the visitor's own choice, the
 * conversation's language, `data-locale`), then the site's default, then, when the site follows
 * the browser (`auto`, which matches no locale), the browser's languages; English when none does.
 */
export function resolveLocale(
  preferred: readonly (string | null)[],
  siteDefault: string | null,
  browserLanguages: readonly string[],
  available: readonly string[] = AVAILABLE_LOCALES,
): string {
  for (const tag of [...preferred, siteDefault, ...browserLanguages]) {
    const match = matchLocale(tag, available);
    if (match) return match;
  }
  return 'en';
}

/** The launcher's labels in `locale`, falling back to English. */
export function launcherText(locale: string): LauncherText {
  return LAUNCHER_TEXT[locale] ?? (LAUNCHER_TEXT.en as LauncherText);
}
