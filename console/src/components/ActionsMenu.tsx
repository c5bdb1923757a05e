import { useEffect, useRef, useState } from 'preact/hooks';

/** One entry of an actions menu: its accessible name is its label. */
export interface MenuAction {
  label: string;
  onSelect: () => void;
  /** Not available now (e.g. already running). */
  disabled?: boolean;
}

/**
 * A menu button ("More actions") for actions used less often than those beside it. Opening it
 * focuses the first item; arrows, Home and End move between items; Escape closes it and focus
 * returns to the button, as after choosing an item.
 */
export function ActionsMenu(props: { label: string; actions: MenuAction[] }) {
  const [open, setOpen] = useState(false);
  // Which item takes focus when the menu opens: the first, or the last after ArrowUp.
  const [start, setStart] = useState<'first' | 'last'>('first');
  const container = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  const items = () =>
    Array.from(container.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? []);

  useEffect(() => {
    if (!open) return;
    const all = items();
    (start === 'first' ? all[0] : all[all.length - 1])?.focus();
  }, [open, start]);

  function show(from: 'first' | 'last'): void {
    setStart(from);
    setOpen(true);
  }

  function close(): void {
    setOpen(false);
    button.current?.focus();
  }

  function onMenuKey(event: KeyboardEvent): void {
    const all = items();
    const index = all.indexOf(document.activeElement as HTMLElement);
    const target =
      event.key === 'ArrowDown'
        ? all[(index + 1) % all.length]
        : event.key === 'ArrowUp'
          ? all[(index - 1 + all.length) % all.length]
          : event.key === 'Home'
            ? all[0]
            : event.key === 'End'
              ? all[all.length - 1]
              : undefined;
    if (target) {
      event.preventDefault();
      target.focus();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      close();
    } else if (event.key === 'Tab') {
      setOpen(false);
    }
  }

  return (
    <div
      class="menu-anchor"
      ref={container}
      onFocusOut={(event) => {
        const next = event.relatedTarget as Node | null;
        if (next && !container.current?.contains(next)) setOpen(false);
      }}
    >
      <button
        type="button"
        ref={button}
        class="button button-secondary icon-only"
        aria-label={props.label}
        aria-haspopup="menu"
        aria-expanded={open}
        title={props.label}
        onClick={() => (open ? setOpen(false) : show('first'))}
        onKeyDown={(event) => {
          if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
          event.preventDefault();
          show(event.key === 'ArrowDown' ? 'first' : 'last');
        }}
      >
        <span aria-hidden="true">⋯</span>
      </button>
      {open && (
        <div class="menu" role="menu" aria-label={props.label} onKeyDown={onMenuKey}>
          {props.actions.map((action) => (
            <button
              key={action.label}
              type="button"
              role="menuitem"
              class="menu-item"
              tabIndex={-1}
              // Still focusable, so the arrows do not skip it and it says why nothing happens.
              aria-disabled={action.disabled}
              onClick={() => {
                if (action.disabled) return;
                close();
                action.onSelect();
              }}
            >
              <span class="menu-item-name">{action.label}</span>
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
