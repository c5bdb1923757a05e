import { formatFileSize, isInlineImage } from '@parley/shared';
import { useContext, useState } from 'preact/hooks';
import type { TimelineFile } from '../models/chat-state';
import { useText } from '../text/text-context';
import { FilesContext } from './files-context';
import { Viewer } from './Viewer';

/** A message's files: images as thumbnails that open in the viewer, the rest as download cards. */
export function FileList({ files }: { files: TimelineFile[] }) {
  const { locale } = useText();
  const { origin } = useContext(FilesContext);
  const [viewing, setViewing] = useState<{ file: TimelineFile; from: HTMLElement } | null>(null);
  return (
    <div class="files">
      {files.map((file) => {
        const url = file.url && `${origin}${file.url}`;
        if (url && isInlineImage(file.type)) {
          return (
            <button
              type="button"
              class="thumb"
              onClick={(event) => setViewing({ file: { ...file, url }, from: event.currentTarget })}
            >
              <img src={url} alt={file.name} loading="lazy" />
            </button>
          );
        }
        // The type as people know it: the name's extension (PDF, DOCX), not the media type.
        const label = (
          <>
            <span>{file.name}</span>
            <span class="file-meta">
              {/\.(\w+)$/.exec(file.name)?.[1]?.toUpperCase()} {formatFileSize(file.size, locale)}
            </span>
          </>
        );
        return url ? (
          <a class="file-card" href={url} download={file.name} target="_blank" rel="noopener">
            {label}
          </a>
        ) : (
          <span class="file-card">{label}</span>
        );
      })}
      {viewing && (
        <Viewer
          file={viewing.file}
          onClose={() => {
            viewing.from.focus();
            setViewing(null);
          }}
        />
      )}
    </div>
  );
}
