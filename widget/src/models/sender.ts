/**
 * Sending the visitor's messages. Every message goes through the outbox first, then is sent in
 * order, one at a time, with its client id, so a resend after a reconnect (or from another tab)
 * can never store it twice.
 */
import type { Transport, WidgetErrorCode } from '../transport';
import type { ChatModel } from './chat-model';
import { newClientId } from '@parley/shared';
import type { OutboxEntry, OutboxFile } from './outbox';
import { TypingSignal } from '@parley/shared';

/** A file on its way to the relay, from the attachments chunk. */
export interface PendingUpload {
  readonly file: OutboxFile;
  /**
   * The stored file's id once the upload is done (started again if it had failed). Rejects with
   * the reason when the relay refuses it or the connection fails.
   */
  uploaded(): Promise<string>;
}

/** The composer's actions. */
export class Sender {
  private flushing: Promise<void> | null = null;
  private flushAgain = false;
  private readonly typingSignal: TypingSignal;
  /** Uploads of messages in the outbox, by client id: their bytes exist only in this page. */
  private readonly uploads = new Map<string, PendingUpload[]>();

  constructor(
    private readonly model: ChatModel,
    private readonly transport: Transport,
  ) {
    this.typingSignal = new TypingSignal((typing) => model.sendTyping(typing));
    model.onReady = () => void this.flush();
  }

  /**
   * Queues a message and sends it as soon as the connection allows and its files are uploaded.
   */
  send(text: string, uploads: PendingUpload[] = []): void {
    const trimmed = text.trim();
    if (!trimmed && !uploads.length) return;
    this.typingSignal.stop();
    const entry: OutboxEntry = {
      clientId: newClientId(),
      text: trimmed,
      createdAt: new Date().toISOString(),
      failed: null,
    };
    if (uploads.length) {
      entry.files = uploads.map((upload) => ({ ...upload.file }));
      this.uploads.set(entry.clientId, uploads);
    }
    this.model.store.update({ outbox: this.model.outbox.add(entry), notice: null });
    void this.flush();
  }

  /** Sends a failed message again, with the same client id. */
  retry(clientId: string): void {
    this.model.store.update({ outbox: this.model.outbox.change(clientId, { failed: null }) });
    void this.flush();
  }

  /** The visitor typed in the composer. */
  typed(): void {
    this.typingSignal.input();
  }

  /** The composer was emptied or the panel closed. */
  stoppedTyping(): void {
    this.typingSignal.stop();
  }

  /** Sends the outbox; concurrent calls share one pass (and ask for another if needed). */
  flush(): Promise<void> {
    if (this.flushing) {
      this.flushAgain = true;
      return this.flushing;
    }
    this.flushing = this.drain().finally(() => (this.flushing = null));
    return this.flushing;
  }

  private async drain(): Promise<void> {
    const { model } = this;
    do {
      this.flushAgain = false;
      for (const entry of model.outbox.list()) {
        if (entry.failed) continue;
        if (!model.store.get().ready) return;
        const attachmentIds = await this.uploaded(entry);
        if (typeof attachmentIds === 'string') {
          model.store.update({
            outbox: model.outbox.change(entry.clientId, { failed: attachmentIds }),
          });
          continue;
        }
        if (!model.store.get().ready) return;
        const reply = await this.transport.request('message:send', {
          clientId: entry.clientId,
          text: entry.text,
          ...(attachmentIds.length ? { attachmentIds } : {}),
        });
        if (reply.ok) {
          this.uploads.delete(entry.clientId);
          model.adopt(reply.data.conversation);
          model.receive([reply.data.message], true);
          continue;
        }
        // No connection: the entry waits for the next hello, which flushes again.
        if (reply.error.code === 'OFFLINE') return;
        model.store.update({
          outbox: model.outbox.change(entry.clientId, { failed: reply.error.code }),
        });
      }
    } while (this.flushAgain);
  }

  /** The ids of an entry's files once all are uploaded, or why one of them cannot be. */
  private async uploaded(entry: OutboxEntry): Promise<string[] | WidgetErrorCode> {
    const files = entry.files ?? [];
    if (files.every((file) => file.id)) return files.map((file) => file.id as string);
    const uploads = this.uploads.get(entry.clientId);
    // The page was reloaded before the upload finished: the bytes are gone, the visitor must
    // attach the file again.
    if (!uploads) return 'NOT_FOUND';
    try {
      const ids = await Promise.all(uploads.map((upload) => upload.uploaded()));
      const done = files.map((file, i) => ({ ...file, id: ids[i] }));
      this.model.store.update({
        outbox: this.model.outbox.change(entry.clientId, { files: done }),
      });
      return ids;
    } catch (code) {
      return code as WidgetErrorCode;
    }
  }
}
