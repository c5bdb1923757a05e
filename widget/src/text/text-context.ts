import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Messages } from './messages';

/** The panel's language and its text. */
export interface TextState {
  locale: string;
  t: Messages;
}

/**
 * Always provided by the app, which renders the panel only once its text has loaded (so there is
 * no English to fall back on here: English is a chunk like any other language).
 */
export const TextContext = createContext<TextState>(undefined as never);

/** The current language's text. */
export function useText(): TextState {
  return useContext(TextContext);
}
