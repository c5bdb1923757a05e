/**
 * The panel's text. Every locale, English included, is its own small chunk, fetched when chosen:
 * a visitor downloads the one language they read and no other.
 */
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

const loaders = new Map<string, () => Promise<LocaleModule>>(
  Object.entries(import.meta.glob<LocaleModule>('../i18n/*.ts')).map(([path, load]) => [
    localeOfPath(path),
    load,
  ]),
);

/** Loads `locale`'s text; English when the locale is unknown. */
export async function loadLocale(locale: string): Promise<LocaleText> {
  const module = await (
    loaders.get(locale) ?? (loaders.get('en') as () => Promise<LocaleModule>)
  )();
  return { messages: module.default, launcher: module.launcher };
}
