import { formatFileSize } from '@parley/shared';
import { useContext } from 'preact/hooks';
import { CloseIcon } from '../components/icons';
import { useStore } from '../components/use-store';
import { errorText } from '../text/error-text';
import { useText } from '../text/text-context';
import type { WidgetErrorCode } from '../transport';
import { FilesContext } from './files-context';
import type { TrayRefusal } from './tray';

/** The files about to be sent: each with its progress, a remove button, and retry on failure. */
export function TrayView() {
  const { t, locale } = useText();
  const { tray } = useContext(FilesContext);
  const { settings } = tray;
  const { uploads, refusal } = useStore(tray.store);
  // The tray's refusals and the relay's, worded alike; other failures by their code.
  const refusalText = (code: TrayRefusal['reason'] | WidgetErrorCode, name: string) =>
    code === 'FILE_TOO_LARGE'
      ? t.errors.fileTooLarge(name, formatFileSize(settings.maxFileBytes, locale))
      : code === 'FILE_TYPE_REFUSED'
        ? t.errors.fileTypeRefused(name)
        : code === 'TOO_MANY_FILES'
          ? t.errors.tooManyFiles(settings.maxFilesPerMessage)
          : errorText(code, t);
  if (!uploads.length && !refusal) return null;
  return (
    <div class="tray">
      {uploads.map((upload) => (
        <div class="chip">
          <span>{upload.file.name}</span>
          <span class="file-meta">{formatFileSize(upload.file.size, locale)}</span>
          {upload.state === 'failed' ? (
            <>
              <span class="chip-error" role="alert">
                {refusalText(upload.error ?? 'INTERNAL', upload.file.name)}
              </span>
              <button type="button" class="link-button" onClick={() => upload.start()}>
                {t.retry}
              </button>
            </>
          ) : (
            upload.state !== 'done' && (
              <progress max={1} value={upload.progress} aria-label={upload.file.name} />
            )
          )}
          <button
            type="button"
            class="icon-button"
            aria-label={t.removeFile(upload.file.name)}
            onClick={() => tray.remove(upload)}
          >
            <CloseIcon />
          </button>
        </div>
      ))}
      {refusal && (
        <p class="tray-refusal" role="alert">
          {refusalText(refusal.reason, refusal.name)}
        </p>
      )}
    </div>
  );
}
