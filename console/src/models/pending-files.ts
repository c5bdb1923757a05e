import { signal } from '@preact/signals';
import type { AttachmentSettings } from '@parley/shared';
import type { UploadedFile, UploadFile } from '../api/file-upload';
import { asRequestError, type RequestError } from '../api/request-error';
import { screenFiles, uploadName } from './attachment-rules';

/**
 * A file the agent attached to what they are writing (a message, a canned reply): uploading,
 * uploaded, or failed.
 */
export interface PendingFile {
  /** Names this chip in the console only; the relay's id comes with `uploaded`. */
  key: string;
  /** What the file goes with: a message (its conversation's id) or a canned reply form. */
  boxId: string;
  siteId: string;
  name: string;
  size: number;
  /** The file picked on this computer; null for one already on the relay (a canned reply's). */
  file: File | null;
  state: 'uploading' | 'ready' | 'failed';
  /** Bytes the relay has received so far. */
  sent: number;
  uploaded: UploadedFile | null;
  error: RequestError | null;
}

/** What the agent was told about files that were not attached, for one box. */
export interface FileRefusals {
  boxId: string;
  messages: string[];
}

/** Why a box's message or form must wait before it is sent or saved; null when it need not. */
export function waitingFor(files: readonly PendingFile[]): string | null {
  if (files.some((item) => item.state === 'uploading')) return 'Files are still uploading.';
  if (files.some((item) => item.state === 'failed'))
    return 'Retry or remove the files that did not upload.';
  return null;
}

/**
 * The files attached to unsent messages (or canned replies being written), per box. Each is
 * checked against the site's settings before it is uploaded, uploads at once, and can be removed
 * (which stops its upload) or retried after a failure.
 */
export function createPendingFiles(deps: {
  upload: UploadFile;
  settingsFor: (siteId: string) => AttachmentSettings;
}) {
  const items = signal<PendingFile[]>([]);
  const refusals = signal<FileRefusals | null>(null);
  // Not state anyone renders: how to stop each upload still running.
  const running = new Map<string, AbortController>();
  let counter = 0;

  function patch(key: string, change: Partial<PendingFile>): void {
    items.value = items.value.map((item) => (item.key === key ? { ...item, ...change } : item));
  }

  async function start(item: PendingFile): Promise<void> {
    const { file } = item;
    if (!file) return;
    running.get(item.key)?.abort();
    const controller = new AbortController();
    running.set(item.key, controller);
    patch(item.key, { state: 'uploading', sent: 0, error: null });
    try {
      const uploaded = await deps.upload({
        siteId: item.siteId,
        file,
        name: uploadName(file.name),
        signal: controller.signal,
        onProgress: (sent) => {
          if (!controller.signal.aborted) patch(item.key, { sent: Math.min(sent, file.size) });
        },
      });
      if (controller.signal.aborted) return;
      patch(item.key, { state: 'ready', sent: file.size, uploaded });
    } catch (caught) {
      // Removed, or restarted by Retry: that chip's fate is no longer this upload's.
      if (controller.signal.aborted) return;
      patch(item.key, { state: 'failed', error: asRequestError(caught) });
    } finally {
      if (running.get(item.key) === controller) running.delete(item.key);
    }
  }

  function of(boxId: string): PendingFile[] {
    return items.value.filter((item) => item.boxId === boxId);
  }

  /** Screens `files` against the site's settings and the box's count; says why some were left out. */
  function screened<T extends { name: string; type: string; size: number }>(
    boxId: string,
    siteId: string,
    files: readonly T[],
  ): T[] {
    const { accepted, refusals: reasons } = screenFiles(
      files,
      deps.settingsFor(siteId),
      of(boxId).length,
    );
    refusals.value = reasons.length > 0 ? { boxId, messages: reasons } : null;
    return accepted;
  }

  /** Attaches what the site accepts and starts uploading it; says why the rest was left out. */
  function add(boxId: string, siteId: string, files: readonly File[]): void {
    if (files.length === 0) return;
    const added = screened(boxId, siteId, files).map<PendingFile>((file) => ({
      key: `file-${++counter}`,
      boxId,
      siteId,
      name: file.name,
      size: file.size,
      file,
      state: 'uploading',
      sent: 0,
      uploaded: null,
      error: null,
    }));
    items.value = [...items.value, ...added];
    for (const item of added) void start(item);
  }

  /**
   * Attaches files already on the relay (a canned reply's), ready to send; one the box has
   * already is not added twice.
   */
  function addStored(boxId: string, siteId: string, files: readonly UploadedFile[]): void {
    const there = new Set(of(boxId).map((item) => item.uploaded?.id));
    const fresh = files.filter((file) => !there.has(file.id));
    if (fresh.length === 0) return;
    const added = screened(boxId, siteId, fresh).map<PendingFile>((uploaded) => ({
      key: `file-${++counter}`,
      boxId,
      siteId,
      name: uploaded.name,
      size: uploaded.size,
      file: null,
      state: 'ready',
      sent: uploaded.size,
      uploaded: { id: uploaded.id, name: uploaded.name, type: uploaded.type, size: uploaded.size },
      error: null,
    }));
    items.value = [...items.value, ...added];
  }

  /** Takes the file off the message, stopping its upload if it is still running. */
  function remove(key: string): void {
    running.get(key)?.abort();
    running.delete(key);
    items.value = items.value.filter((item) => item.key !== key);
  }

  function retry(key: string): void {
    const item = items.value.find((entry) => entry.key === key);
    if (item?.state === 'failed') void start(item);
  }

  const readyItems = (boxId: string) =>
    of(boxId).filter((item) => item.state === 'ready' && item.uploaded !== null);

  /** The uploaded files of a box, in the order they were attached. */
  function ready(boxId: string): UploadedFile[] {
    return readyItems(boxId).map((item) => item.uploaded!);
  }

  /** The uploaded files of a box, handed to the message being sent and taken off the box. */
  function take(boxId: string): UploadedFile[] {
    const taken = readyItems(boxId);
    const keys = new Set(taken.map((item) => item.key));
    items.value = items.value.filter((item) => !keys.has(item.key));
    return taken.map((item) => item.uploaded!);
  }

  /** Empties a box (a form saved or closed), stopping what it still uploads. */
  function clear(boxId: string): void {
    for (const item of of(boxId)) remove(item.key);
    if (refusals.value?.boxId === boxId) refusals.value = null;
  }

  function dismissRefusals(): void {
    refusals.value = null;
  }

  /** Stops every upload still running (sign-out). */
  function dispose(): void {
    for (const controller of running.values()) controller.abort();
    running.clear();
  }

  return {
    items,
    refusals,
    of,
    add,
    addStored,
    remove,
    retry,
    ready,
    take,
    clear,
    dismissRefusals,
    dispose,
  };
}

export type PendingFiles = ReturnType<typeof createPendingFiles>;

/** One box's files as a form shows and changes them (read during render, so it follows them). */
export function fileBox(files: PendingFiles, boxId: string, siteId: string) {
  const items = files.of(boxId);
  const shown = files.refusals.value;
  return {
    items,
    refusals: shown?.boxId === boxId ? shown.messages : [],
    waitingFor: waitingFor(items),
    attach: (chosen: readonly File[]) => files.add(boxId, siteId, chosen),
    remove: files.remove,
    retry: files.retry,
    dismissRefusals: files.dismissRefusals,
  };
}

export type FileBox = ReturnType<typeof fileBox>;
