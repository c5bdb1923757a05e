/**
 * The panel's text. Every locale, English included, is its own small chunk, fetched when chosen:
 * a visitor downloads the one language they read and no other. Only a locale's messages are
 * taken; its launcher labels live in widget.js.
 */
import { localeOfPath } from './locale-path';
import type { Messages } from './messages';

const loaders = new Map<string, () => Promise<Messages>>(
  Object.entries(import.meta.glob<Messages>('../i18n/*.ts', { import: 'default' })).map(
    ([path, load]) => [localeOfPath(path), load],
  ),
);

/** Loads `locale`'s text; English when the locale is unknown. */
export function loadLocale(locale: string): Promise<Messages> {
  return (loaders.get(locale) ?? (loaders.get('en') as () => Promise<Messages>))();
}
