/**
 * Keyboard use of a menu button and its menu, as the WAI-ARIA menu button pattern describes:
 * Enter, Space or the arrows on the button open the menu on its first (ArrowUp: last) item;
 * in the menu the arrows, Home and End move between items (row-keys.ts), Escape closes it and returns focus
 * to the button, Tab closes it and lets focus move on.
 */
import type { RefObject } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { onRowKey } from './row-keys';

type Start = 'first' | 'last';

/** The state and handlers of one menu button. */
export function useMenu(button: RefObject<HTMLButtonElement>, menu: RefObject<HTMLElement>) {
  const [start, setStart] = useState<Start | null>(null);
  const open = start !== null;
  const focusButton = useRef(false);

  const items = () => [...(menu.current?.querySelectorAll('button') ?? [])];

  useEffect(() => {
    if (start) {
      const list = items();
      list[start === 'first' ? 0 : list.length - 1]?.focus();
    } else if (focusButton.current) {
      focusButton.current = false;
      button.current?.focus();
    }
  }, [start]);

  /** Closes the menu; `returnFocus` puts focus back on the button (Escape, a chosen item). */
  const close = (returnFocus: boolean) => {
    focusButton.current = returnFocus;
    setStart(null);
  };

  const onButtonKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setStart(event.key === 'ArrowDown' ? 'first' : 'last');
    }
  };

  const onMenuKeyDown = (event: KeyboardEvent) => {
    if (onRowKey(event)) return;
    if (event.key === 'Escape') {
      // Escape closes the menu only, not the whole panel around it.
      event.stopPropagation();
      close(true);
    } else if (event.key === 'Tab') {
      close(false);
    }
  };

  return {
    open,
    close,
    toggle: () => (open ? close(true) : setStart('first')),
    onButtonKeyDown,
    onMenuKeyDown,
  };
}
