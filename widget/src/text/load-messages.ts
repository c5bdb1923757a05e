/**
 * The panel's text. English ships inside the panel chunk; every other locale is its own small
 * chunk, fetched only when chosen.
 */
import en from '../i18n/en';
import { localeOfPath } from './locale';
import type { Messages } from './messages';

const lazyLocales = import.meta.glob<Messages>(['../i18n/*.ts', '!../i18n/en.ts'], {
  import: 'default',
});

const loaders = new Map<string, () => Promise<Messages>>(
  Object.entries(lazyLocales).map(([path, load]) => [localeOfPath(path), load]),
);

/** The English text, always available without a request. */
export const english: Messages = en;

/** Loads `locale`'s text; English when the locale is unknown. */
export async function loadMessages(locale: string): Promise<Messages> {
  const load = loaders.get(locale);
  return load ? load() : en;
}
