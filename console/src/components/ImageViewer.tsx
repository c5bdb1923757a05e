import type { Attachment } from '@parley/shared';
import { useEffect, useId, useRef } from 'preact/hooks';
import { ModalDialog } from './ModalDialog';
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
  const close = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    close.current?.focus();
  }, []);

  return (
    <PageLayer>
      <ModalDialog labelledBy={titleId} class="image-viewer" onClose={props.onClose}>
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
      </ModalDialog>
    </PageLayer>
  );
}
