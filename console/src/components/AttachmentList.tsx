import type { Attachment } from '@parley/shared';
import { useRef, useState } from 'preact/hooks';
import { formatFileSize } from '../format/file-size';
import { fileTypeLabel, isInlineImage } from '../format/file-type-label';
import { ImageViewer } from './ImageViewer';

// Links come from the relay and point back at it; anything else (another origin, a script URL)
// is not offered as a link at all.
const FILE_PATH = /^\/api\/files\/[^/]+\/[^/]+\/[^/]+$/;

/** A message's files: pictures as thumbnails that open the viewer, the rest as download cards. */
export function AttachmentList(props: { attachments: Attachment[] }) {
  const [viewing, setViewing] = useState<Attachment | null>(null);
  const opener = useRef<HTMLElement | null>(null);
  if (props.attachments.length === 0) return null;

  function closeViewer(): void {
    setViewing(null);
    opener.current?.focus();
  }

  return (
    <>
      <ul class="attachments">
        {props.attachments.map((file) => {
          const linked = FILE_PATH.test(file.url);
          if (linked && isInlineImage(file.type)) {
            return (
              <li key={file.id}>
                <button
                  type="button"
                  class="attachment-thumb"
                  onClick={(event) => {
                    opener.current = event.currentTarget;
                    setViewing(file);
                  }}
                >
                  <img src={file.url} alt={file.name} loading="lazy" />
                </button>
              </li>
            );
          }
          const body = (
            <>
              <span class="attachment-name">{file.name}</span>
              <span class="attachment-meta">
                {fileTypeLabel(file.type)} · {formatFileSize(file.size)}
              </span>
            </>
          );
          return (
            <li key={file.id}>
              {linked ? (
                <a class="attachment-card" href={file.url} download={file.name}>
                  {body}
                </a>
              ) : (
                <span class="attachment-card">{body}</span>
              )}
            </li>
          );
        })}
      </ul>
      {viewing && <ImageViewer attachment={viewing} onClose={closeViewer} />}
    </>
  );
}
