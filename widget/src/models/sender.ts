/**
 * Sending the visitor's messages. Every message goes through the outbox first, then is sent in
 * order, one at a time, with its client id, so a resend after a reconnect (or from another tab)
 * can never store it twice.
 */
import type { Transport } from '../transport';
import type { ChatModel } from './chat-model';
import { newClientId } from './client-id';
import { TypingSignal } from './typing-signal';

/** The composer's actions. */
export class Sender {
  private flushing: Promise<void> | null = null;
  private flushAgain = false;
  private readonly typingSignal: TypingSignal;

  constructor(
    private readonly model: ChatModel,
    private readonly transport: Transport,
  ) {
    this.typingSignal = new TypingSignal((typing) => model.sendTyping(typing));
    model.onReady = () => void this.flush();
  }

  /** Queues a message and sends it as soon as the connection allows. */
  send(text: string): void {
    const trimmed = text.trim();
    if (!trimmed) return;
    this.typingSignal.stop();
    const entry = {
      clientId: newClientId(),
      text: trimmed,
      createdAt: new Date().toISOString(),
      failed: null,
    };
    this.model.store.update({ outbox: this.model.outbox.add(entry), notice: null });
    void this.flush();
  }

  /** Sends a failed message again, with the same client id. */
  retry(clientId: string): void {
    this.model.store.update({ outbox: this.model.outbox.setFailed(clientId, null) });
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
        const reply = await this.transport.request('message:send', {
          clientId: entry.clientId,
          text: entry.text,
        });
        if (reply.ok) {
          model.adopt(reply.data.conversation);
          model.receive([reply.data.message], true);
          continue;
        }
        // No connection: the entry waits for the next hello, which flushes again.
        if (reply.error.code === 'OFFLINE') return;
        model.store.update({ outbox: model.outbox.setFailed(entry.clientId, reply.error.code) });
      }
    } while (this.flushAgain);
  }
}
