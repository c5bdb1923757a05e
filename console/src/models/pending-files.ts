import { signal } from '@preact/signals';
import type { AttachmentSettings } from '@parley/shared';
import type { UploadedFile, UploadFile } from '../api/file-upload';
import { asRequestError, type RequestError } from '../api/request-error';
import { screenFiles, uploadName } from './attachment-rules';

/** A file the agent attached to the message they are writing: uploading, uploaded, or failed. */
export interface PendingFile {
  /** Names this chip in the console only; the relay's id comes with `uploaded`. */
  key: string;
  conversationId: string;
  siteId: string;
  file: File;
  state: 'uploading' | 'ready' | 'failed';
  /** Bytes the relay has received so far. */
  sent: number;
  uploaded: UploadedFile | null;
  error: RequestError | null;
}

/** What the agent was told about files that were not attached, for one conversation. */
export interface FileRefusals {
  conversationId: string;
  messages: string[];
}

/**
 * The files attached to unsent messages, per conversation. Each is checked against the site's
 * settings before it is uploaded, uploads at once, and can be removed (which stops its upload) or
 * retried after a failure.
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
    running.get(item.key)?.abort();
    const controller = new AbortController();
    running.set(item.key, controller);
    patch(item.key, { state: 'uploading', sent: 0, error: null });
    try {
      const uploaded = await deps.upload({
        siteId: item.siteId,
        file: item.file,
        name: uploadName(item.file.name),
        signal: controller.signal,
        onProgress: (sent) => {
          if (!controller.signal.aborted) patch(item.key, { sent: Math.min(sent, item.file.size) });
        },
      });
      if (controller.signal.aborted) return;
      patch(item.key, { state: 'ready', sent: item.file.size, uploaded });
    } catch (caught) {
      // Removed, or restarted by Retry: that chip's fate is no longer this upload's.
      if (controller.signal.aborted) return;
      patch(item.key, { state: 'failed', error: asRequestError(caught) });
    } finally {
      if (running.get(item.key) === controller) running.delete(item.key);
    }
  }

  function forConversation(conversationId: string): PendingFile[] {
    return items.value.filter((item) => item.conversationId === conversationId);
  }

  /** Attaches what the site accepts and starts uploading it; says why the rest was left out. */
  function add(conversationId: string, siteId: string, files: readonly File[]): void {
    if (files.length === 0) return;
    const { accepted, refusals: reasons } = screenFiles(
      files,
      deps.settingsFor(siteId),
      forConversation(conversationId).length,
    );
    refusals.value = reasons.length > 0 ? { conversationId, messages: reasons } : null;
    const added = accepted.map<PendingFile>((file) => ({
      key: `file-${++counter}`,
      conversationId,
      siteId,
      file,
      state: 'uploading',
      sent: 0,
      uploaded: null,
      error: null,
    }));
    items.value = [...items.value, ...added];
    for (const item of added) void start(item);
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

  /** The uploaded files of a conversation, handed to the message being sent and taken off the box. */
  function take(conversationId: string): UploadedFile[] {
    const ready = forConversation(conversationId).filter((item) => item.state === 'ready');
    const keys = new Set(ready.map((item) => item.key));
    items.value = items.value.filter((item) => !keys.has(item.key));
    return ready.flatMap((item) => (item.uploaded ? [item.uploaded] : []));
  }

  function dismissRefusals(): void {
    refusals.value = null;
  }

  /** Stops every upload still running (sign-out). */
  function dispose(): void {
    for (const controller of running.values()) controller.abort();
    running.clear();
  }

  return { items, refusals, forConversation, add, remove, retry, take, dismissRefusals, dispose };
}

export type PendingFiles = ReturnType<typeof createPendingFiles>;
