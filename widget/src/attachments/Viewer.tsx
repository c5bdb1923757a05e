import { useLayoutEffect, useRef } from 'preact/hooks';
import { CloseIcon } from '../components/icons';
import type { TimelineFile } from '../models/chat-state';
import { useText } from '../text/text-context';

/** An image full size, over the panel. Escape or the close button returns to the conversation. */
export function Viewer({ file, onClose }: { file: TimelineFile; onClose: () => void }) {
  const { t } = useText();
  const close = useRef<HTMLButtonElement>(null);
  // Before the browser paints it: a key pressed as soon as it shows (Escape) reaches the viewer.
  useLayoutEffect(() => close.current?.focus(), []);
  return (
    <div
      class="viewer"
      role="dialog"
      aria-modal="true"
      aria-label={file.name}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          // Closes the viewer only, not the panel.
          event.stopPropagation();
          onClose();
        } else if (event.key === 'Tab') {
          // The close button is the one thing to focus: keep focus in the dialog.
          event.preventDefault();
        }
      }}
    >
      <button ref={close} type="button" class="icon-button" aria-label={t.close} onClick={onClose}>
        <CloseIcon />
      </button>
      <img src={file.url} alt={file.name} />
    </div>
  );
}
