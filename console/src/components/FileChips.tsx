import { formatFileSize } from '../format/file-size';
import type { PendingFile } from '../models/pending-files';
import { errorText } from './error-text';

/**
 * The files attached to the message (or canned reply) being written: progress while uploading,
 * Retry on failure.
 */
export function FileChips(props: {
  files: PendingFile[];
  onRemove: (key: string) => void;
  onRetry: (key: string) => void;
}) {
  if (props.files.length === 0) return null;
  return (
    <ul class="file-chips" aria-label="Attached files">
      {props.files.map((item) => {
        const { name, size } = item;
        const percent = size > 0 ? Math.round((item.sent / size) * 100) : 0;
        return (
          <li key={item.key} class={`file-chip is-${item.state}`}>
            <span class="file-chip-name">{name}</span>
            <span class="file-chip-size">{formatFileSize(size)}</span>
            {item.state === 'uploading' && (
              <span
                class="file-chip-progress"
                role="progressbar"
                aria-label={`Uploading ${name}`}
                aria-valuemin={0}
                aria-valuemax={100}
                aria-valuenow={percent}
              >
                <span style={{ width: `${percent}%` }} />
              </span>
            )}
            {item.state === 'failed' && item.error && (
              <span class="file-chip-error" role="alert">
                {errorText(item.error)}
              </span>
            )}
            {item.state === 'failed' && (
              <button
                type="button"
                class="link-button"
                aria-label={`Retry ${name}`}
                onClick={() => props.onRetry(item.key)}
              >
                Retry
              </button>
            )}
            <button
              type="button"
              class="icon-button file-chip-remove"
              aria-label={`Remove ${name}`}
              onClick={() => props.onRemove(item.key)}
            >
              ×
            </button>
          </li>
        );
      })}
    </ul>
  );
}
