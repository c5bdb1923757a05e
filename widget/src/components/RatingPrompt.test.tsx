import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { renderWithText } from '../testing/render-with-text';
import polish from '../i18n/pl';
import { TextContext } from '../text/text-context';
import { RatingPrompt } from './RatingPrompt';

afterEach(cleanup);

function renderPrompt() {
  const submitted: [number, string][] = [];
  renderWithText(
    <RatingPrompt busy={false} onSubmit={(csat, comment) => submitted.push([csat, comment])} />,
  );
  const group = screen.getByRole('group', { name: 'Rate this conversation' });
  const stars = within(group).getAllByRole('button');
  return { submitted, group, stars };
}

const description = (el: Element) =>
  document.getElementById(el.getAttribute('aria-describedby') ?? '')?.textContent;
const pressed = (stars: HTMLElement[]) =>
  stars.filter((s) => s.getAttribute('aria-pressed') === 'true').map((s) => s.textContent);
const tabStops = (stars: HTMLElement[]) =>
  stars.filter((s) => s.tabIndex === 0).map((s) => s.textContent);

describe('the satisfaction question', () => {
  it('offers five stars named 1 to 5, each with its word shown, none chosen yet', () => {
    const { stars } = renderPrompt();
    expect(stars.map((s) => s.textContent)).toEqual(['1', '2', '3', '4', '5']);
    expect(stars.map(description)).toEqual(['Very poor', 'Poor', 'Okay', 'Good', 'Excellent']);
    for (const word of ['Very poor', 'Excellent']) expect(screen.getByText(word)).toBeTruthy();
    expect(pressed(stars)).toEqual([]);
    expect(
      (screen.getByRole('button', { name: 'Send rating' }) as HTMLButtonElement).disabled,
    ).toBe(true);
  });

  it('is one tab stop; the arrows, Home and End move along it and choose', () => {
    const { group, stars } = renderPrompt();
    expect(tabStops(stars)).toEqual(['1']);
    fireEvent.keyDown(stars[0]!, { key: 'ArrowRight' });
    expect(pressed(stars)).toEqual(['2']);
    expect(document.activeElement).toBe(stars[1]);
    expect(tabStops(stars)).toEqual(['2']);
    fireEvent.keyDown(stars[1]!, { key: 'End' });
    expect(pressed(stars)).toEqual(['5']);
    fireEvent.keyDown(stars[4]!, { key: 'ArrowRight' });
    expect(pressed(stars)).toEqual(['5']);
    fireEvent.keyDown(stars[4]!, { key: 'Home' });
    expect(pressed(stars)).toEqual(['1']);
    fireEvent.keyDown(stars[0]!, { key: 'ArrowLeft' });
    expect(pressed(stars)).toEqual(['1']);
    expect(group.contains(document.activeElement)).toBe(true);
  });

  it('lights the stars up to the chosen one and sends it with the comment', () => {
    const { stars, submitted } = renderPrompt();
    fireEvent.click(stars[3]!);
    expect(stars.map((s) => s.classList.contains('is-lit'))).toEqual([
      true,
      true,
      true,
      true,
      false,
    ]);
    fireEvent.input(screen.getByRole('textbox', { name: 'Comment' }), {
      target: { value: 'Szybko' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Send rating' }));
    expect(submitted).toEqual([[4, 'Szybko']]);
  });

  it('shows its words in the visitor’s language', () => {
    render(
      <TextContext.Provider value={{ locale: 'pl', t: polish }}>
        <RatingPrompt busy={false} onSubmit={() => {}} />
      </TextContext.Provider>,
    );
    const group = screen.getByRole('group', { name: 'Oceń tę rozmowę' });
    expect(within(group).getAllByRole('button').map(description)).toEqual([...polish.csatLabels]);
    expect(screen.getByRole('button', { name: 'Wyślij ocenę' })).toBeTruthy();
  });
});
