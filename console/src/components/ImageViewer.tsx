import type { Attachment } from '@parley/shared';
import { useEffect, useId, useRef } from 'preact/hooks';
import { PageLayer } from './PageLayer';

/**
 * A sent picture at full size, over the console. Focus starts on Close and stays inside; Escape,
 * Close or a click beside the picture closes it (the opener then takes focus back). It is drawn
 * at the end of the page, not in the message: the bubble's colours and the transcript's live
 * region are not the dialog's.
 */
export function ImageViewer(props: { attachment: Attachment; onClose: () => void }) {
  const { attachment } = props;
  const titleId = useId();
  const box = useRef<HTMLDivElement>(null);
  const close = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    close.current?.focus();
  }, []);

  function onKeyDown(event: KeyboardEvent): void {
    if (event.key === 'Escape') {
      event.stopPropagation();
      props.onClose();
      return;
    }
    if (event.key !== 'Tab' || !box.current) return;
    const items = Array.from(box.current.querySelectorAll<HTMLElement>('a[href], button'));
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
    <PageLayer>
      <div
        class="dialog-backdrop"
        onClick={(event) => {
          if (event.target === event.currentTarget) props.onClose();
        }}
      >
        <div
          class="dialog image-viewer"
          role="dialog"
          aria-modal="true"
          aria-labelledby={titleId}
          ref={box}
          onKeyDown={onKeyDown}
        >
          <header class="dialog-head">
            <h2 id={titleId} class="image-viewer-title">
              {attachment.name}
            </h2>
            <a class="link-button" href={attachment.url} download={attachment.name}>
              Download
            </a>
            <button
              ref={close}
              type="button"
              class="icon-button"
              aria-label="Close"
              onClick={props.onClose}
            >
              ×
            </button>
          </header>
          <img class="image-viewer-image" src={attachment.url} alt={attachment.name} />
        </div>
      </div>
    </PageLayer>
  );
}
