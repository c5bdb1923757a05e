import type { ComponentChildren } from 'preact';
import { useRef } from 'preact/hooks';

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * The console's modal dialog: over a backdrop (a click beside the dialog closes it), Escape
 * closes it without reaching the page behind, and Tab stays inside. The caller puts focus in it
 * when it opens and gives it back when it closes.
 */
export function ModalDialog(props: {
  labelledBy: string;
  class?: string;
  onClose: () => void;
  children: ComponentChildren;
}) {
  const box = useRef<HTMLDivElement>(null);

  function onKeyDown(event: KeyboardEvent): void {
    if (event.key === 'Escape') {
      event.stopPropagation();
      props.onClose();
      return;
    }
    if (event.key !== 'Tab' || !box.current) return;
    const items = Array.from(box.current.querySelectorAll<HTMLElement>(FOCUSABLE));
    const head = items[0];
    const tail = items[items.length - 1];
    if (!head || !tail) return;
    if (event.shiftKey && document.activeElement === head) {
      event.preventDefault();
      tail.focus();
    } else if (!event.shiftKey && document.activeElement === tail) {
      event.preventDefault();
      head.focus();
    }
  }

  return (
    <div
      class="dialog-backdrop"
      onClick={(event) => {
        if (event.target === event.currentTarget) props.onClose();
      }}
    >
      <div
        class={props.class ? `dialog ${props.class}` : 'dialog'}
        role="dialog"
        aria-modal="true"
        aria-labelledby={props.labelledBy}
        ref={box}
        onKeyDown={onKeyDown}
      >
        {props.children}
      </div>
    </div>
  );
}
