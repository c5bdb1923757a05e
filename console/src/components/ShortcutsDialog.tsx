import { useEffect, useRef } from 'preact/hooks';
import { SHORTCUTS } from './keyboard-shortcuts';

/** "Keyboard shortcuts": the single keys the console answers to. Escape or Close closes it. */
export function ShortcutsDialog(props: { onClose: () => void }) {
  const close = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    close.current?.focus();
  }, []);

  return (
    <div
      class="dialog-backdrop"
      onClick={(event) => {
        if (event.target === event.currentTarget) props.onClose();
      }}
    >
      <div
        class="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="shortcuts-title"
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            event.stopPropagation();
            props.onClose();
          }
          // Close is the only control: Tab stays on it, as in any modal dialog.
          if (event.key === 'Tab') event.preventDefault();
        }}
      >
        <header class="dialog-head">
          <h2 id="shortcuts-title">Keyboard shortcuts</h2>
          <button
            type="button"
            class="icon-button"
            aria-label="Close"
            ref={close}
            onClick={props.onClose}
          >
            ×
          </button>
        </header>
        <p class="muted shortcuts-note">Not while typing in a field.</p>
        <dl class="shortcuts">
          {SHORTCUTS.map((shortcut) => (
            <div key={shortcut.key} class="shortcut">
              <dt>
                <kbd>{shortcut.key}</kbd>
              </dt>
              <dd>{shortcut.label}</dd>
            </div>
          ))}
        </dl>
      </div>
    </div>
  );
}
