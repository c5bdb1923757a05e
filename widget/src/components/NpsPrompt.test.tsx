import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { renderWithText } from '../testing/render-with-text';
import romanian from '../i18n/ro';
import { TextContext } from '../text/text-context';
import { NpsPrompt } from './NpsPrompt';

afterEach(cleanup);

function renderPrompt() {
  const scores: number[] = [];
  let skipped = false;
  renderWithText(
    <NpsPrompt busy={false} onScore={(n) => scores.push(n)} onSkip={() => (skipped = true)} />,
  );
  const group = screen.getByRole('group', { name: /recommend/ });
  return { scores, skipped: () => skipped, buttons: within(group).getAllByRole('button') };
}

const description = (el: Element) =>
  document.getElementById(el.getAttribute('aria-describedby') ?? '')?.textContent ?? null;

describe('the recommendation question', () => {
  it('is a 0–10 scale whose ends say what they mean, to the eye and to screen readers', () => {
    const { buttons } = renderPrompt();
    expect(buttons.map((b) => b.textContent)).toEqual(
      Array.from({ length: 11 }, (_, i) => String(i)),
    );
    expect(description(buttons[0]!)).toBe('Not likely');
    expect(description(buttons[10]!)).toBe('Very likely');
    expect(description(buttons[5]!)).toBeNull();
    expect(screen.getByText('Not likely')).toBeTruthy();
  });

  it('is one tab stop; the arrows move along it without answering, a click answers', () => {
    const { buttons, scores } = renderPrompt();
    const tabStop = () => buttons.filter((b) => b.tabIndex === 0).map((b) => b.textContent);
    expect(tabStop()).toEqual(['0']);
    fireEvent.keyDown(buttons[0]!, { key: 'ArrowRight' });
    expect(document.activeElement).toBe(buttons[1]);
    expect(tabStop()).toEqual(['1']);
    fireEvent.keyDown(buttons[1]!, { key: 'End' });
    expect(document.activeElement).toBe(buttons[10]);
    expect(scores).toEqual([]);
    fireEvent.click(buttons[9]!);
    expect(scores).toEqual([9]);
  });

  it('can be skipped', () => {
    const { skipped } = renderPrompt();
    fireEvent.click(screen.getByRole('button', { name: 'Skip' }));
    expect(skipped()).toBe(true);
  });

  it('labels its ends in the visitor’s language', () => {
    render(
      <TextContext.Provider value={{ locale: 'ro', t: romanian }}>
        <NpsPrompt busy={false} onScore={() => {}} onSkip={() => {}} />
      </TextContext.Provider>,
    );
    const buttons = within(screen.getByRole('group', { name: romanian.npsTitle })).getAllByRole(
      'button',
    );
    expect(description(buttons[0]!)).toBe(romanian.npsLow);
    expect(description(buttons[10]!)).toBe(romanian.npsHigh);
  });
});
