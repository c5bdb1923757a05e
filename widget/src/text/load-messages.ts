/**
 * The panel's text. English ships inside the panel chunk; every other locale is its own small
 * chunk, fetched only when chosen.
 */
import en, { launcher as enLauncher } from '../i18n/en';
import { localeOfPath } from './locale-path';
import type { LauncherText, Messages } from './messages';

/** A locale file's exports. */
export interface LocaleText {
  messages: Messages;
  launcher: LauncherText;
}

interface LocaleModule {
  default: Messages;
  launcher: LauncherText;
}

const lazyLocales = import.meta.glob<LocaleModule>(['../i18n/*.ts', '!../i18n/en.ts']);

const loaders = new Map<string, () => Promise<LocaleModule>>(
  Object.entries(lazyLocales).map(([path, load]) => [localeOfPath(path), load]),
);

/** The English text, always available without a request. */
export const english: Messages = en;

/** Loads `locale`'s text; English when the locale is unknown. */
export async function loadLocale(locale: string): Promise<LocaleText> {
  const load = loaders.get(locale);
  if (!load) return { messages: en, launcher: enLauncher };
  const module = await load();
  return { messages: module.default, launcher: module.launcher };
}
