import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { ActionsMenu } from './ActionsMenu';

afterEach(cleanup);

function setup(disabled = false) {
  const actions = {
    download: vi.fn(),
    print: vi.fn(),
    share: vi.fn(),
  };
  render(
    <ActionsMenu
      label="More actions"
      actions={[
        { label: 'Download transcript', onSelect: actions.download, disabled },
        { label: 'Print', onSelect: actions.print },
        { label: 'Share', onSelect: actions.share },
      ]}
    />,
  );
  return actions;
}

const button = () => screen.getByRole('button', { name: 'More actions' });
const item = (name: string) => screen.getByRole('menuitem', { name });
const key = (name: string) =>
  fireEvent.keyDown(document.activeElement ?? document.body, { key: name });

describe('actions menu', () => {
  test('is closed until its button is pressed, then lists the actions by name', () => {
    setup();
    expect(screen.queryByRole('menu')).toBeNull();
    expect(button().getAttribute('aria-haspopup')).toBe('menu');
    expect(button().getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(button());
    expect(button().getAttribute('aria-expanded')).toBe('true');
    const menu = screen.getByRole('menu', { name: 'More actions' });
    expect(Array.from(menu.querySelectorAll('[role="menuitem"]'), (el) => el.textContent)).toEqual([
      'Download transcript',
      'Print',
      'Share',
    ]);
    expect(document.activeElement).toBe(item('Download transcript'));
  });

  test('arrows move between items and wrap; Home and End jump to the ends', () => {
    setup();
    button().focus();
    key('ArrowDown');
    expect(document.activeElement).toBe(item('Download transcript'));
    key('ArrowDown');
    expect(document.activeElement).toBe(item('Print'));
    key('ArrowUp');
    key('ArrowUp');
    expect(document.activeElement).toBe(item('Share'));
    key('Home');
    expect(document.activeElement).toBe(item('Download transcript'));
    key('End');
    expect(document.activeElement).toBe(item('Share'));
  });

  test('ArrowUp on the button opens the menu on its last item', () => {
    setup();
    button().focus();
    key('ArrowUp');
    expect(document.activeElement).toBe(item('Share'));
  });

  test('Escape closes the menu and focus returns to its button', () => {
    const actions = setup();
    fireEvent.click(button());
    key('Escape');
    expect(screen.queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(button());
    expect(actions.download).not.toHaveBeenCalled();
  });

  test('choosing an item runs it once, closes the menu and focus returns to its button', () => {
    const actions = setup();
    fireEvent.click(button());
    fireEvent.click(item('Print'));
    expect(actions.print).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(button());
  });

  test('an unavailable item stays reachable by the arrows but does nothing', () => {
    const actions = setup(true);
    fireEvent.click(button());
    expect(document.activeElement).toBe(item('Download transcript'));
    expect(item('Download transcript').getAttribute('aria-disabled')).toBe('true');
    fireEvent.click(item('Download transcript'));
    expect(actions.download).not.toHaveBeenCalled();
    expect(screen.getByRole('menu')).toBeTruthy();
  });
});
