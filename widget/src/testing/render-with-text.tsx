import { render } from '@testing-library/preact';
import type { ComponentChild } from 'preact';
import en from '../i18n/en';
import { TextContext, type TextState } from '../text/text-context';

/** Renders a part of the panel in a language (English unless given), as the app provides it. */
export function renderWithText(ui: ComponentChild, text: TextState = { locale: 'en', t: en }) {
  return render(<TextContext.Provider value={text}>{ui}</TextContext.Provider>);
}
