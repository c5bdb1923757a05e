import { signal } from '@preact/signals';
import { asRequestError, type RequestError } from '../api/request-error';
import type { SaveFile } from '../platform/save-file';

/** One kind of file the console fetches with the session token and saves, e.g. a transcript. */
export function createDownload(deps: {
  fetch: (id: string) => Promise<Blob>;
  filename: (id: string) => string;
  save: SaveFile;
}) {
  /** The id whose file is on its way, if any. */
  const pending = signal<string | null>(null);
  const error = signal<RequestError | null>(null);
  /** The id whose download failed, so a view shows the error only beside that item. */
  const failedId = signal<string | null>(null);

  /** Fetches the file of `id` and saves it; true when the browser was handed the file. */
  async function start(id: string): Promise<boolean> {
    if (pending.value) return false;
    pending.value = id;
    error.value = null;
    failedId.value = null;
    try {
      deps.save(await deps.fetch(id), deps.filename(id));
      return true;
    } catch (caught) {
      error.value = asRequestError(caught);
      failedId.value = id;
      return false;
    } finally {
      pending.value = null;
    }
  }

  /** The error of `id`'s download, if its last attempt failed. */
  function errorFor(id: string): RequestError | null {
    return failedId.value === id ? error.value : null;
  }

  function dismiss(): void {
    error.value = null;
    failedId.value = null;
  }

  return { pending, error, errorFor, dismiss, start };
}

export type Download = ReturnType<typeof createDownload>;
