import { useEffect, useRef } from 'preact/hooks';
import { SHORTCUTS } from './keyboard-shortcuts';
import { ModalDialog } from './ModalDialog';

/** "Keyboard shortcuts": the single keys the console answers to. Escape or Close closes it. */
export function ShortcutsDialog(props: { onClose: () => void }) {
  const close = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    close.current?.focus();
  }, []);

  return (
    <ModalDialog labelledBy="shortcuts-title" onClose={props.onClose}>
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
    </ModalDialog>
  );
}
