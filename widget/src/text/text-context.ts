import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { english } from './load-messages';
import type { Messages } from './messages';

/** The panel's language and its text. */
export interface TextState {
  locale: string;
  t: Messages;
}

/** Provided by the app; English until the chosen locale has loaded. */
export const TextContext = createContext<TextState>({ locale: 'en', t: english });

/** The current language's text. */
export function useText(): TextState {
  return useContext(TextContext);
}
