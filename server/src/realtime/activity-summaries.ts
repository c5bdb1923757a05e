/**
 * The inbox side of the fan-out rule: consoles that do not show a conversation hear of its
 * messages as a summary (the latest message), at most once per conversation per interval. The
 * first message after a quiet spell goes out at once; a burst ends with one summary of its last.
 * Each relay summarises the messages it stores; consoles merge by sequence number.
 */
import type { ConversationActivity, Message } from '@parley/shared';

interface Pending {
  siteId: string;
  latest: Message | null;
  visitorMessages: number;
  timer: ReturnType<typeof setTimeout> | null;
  lastSentAt: number;
}

export class ActivitySummaries {
  readonly #pending = new Map<string, Pending>();

  constructor(
    private readonly send: (activity: ConversationActivity) => void,
    private readonly intervalMs = 1_000,
  ) {}

  /** A message was stored in a conversation of `siteId`. */
  note(siteId: string, message: Message): void {
    const id = message.conversationId;
    let entry = this.#pending.get(id);
    if (!entry) {
      entry = { siteId, latest: null, visitorMessages: 0, timer: null, lastSentAt: -Infinity };
      this.#pending.set(id, entry);
    }
    if (!entry.latest || message.seq > entry.latest.seq) entry.latest = message;
    if (message.author === 'visitor') entry.visitorMessages += 1;
    if (entry.timer) return;
    const wait = entry.lastSentAt + this.intervalMs - Date.now();
    if (wait <= 0) return this.#flush(id, entry);
    entry.timer = setTimeout(() => this.#flush(id, entry), wait);
    entry.timer.unref?.();
  }

  /** Drops what is waiting (the relay is closing). */
  close(): void {
    for (const entry of this.#pending.values()) if (entry.timer) clearTimeout(entry.timer);
    this.#pending.clear();
  }

  #flush(conversationId: string, entry: Pending): void {
    entry.timer = null;
    const message = entry.latest;
    if (!message) return;
    this.send({
      conversationId,
      siteId: entry.siteId,
      message,
      visitorMessages: entry.visitorMessages,
    });
    entry.latest = null;
    entry.visitorMessages = 0;
    entry.lastSentAt = Date.now();
    // Forgotten after a quiet interval: the next message is again sent at once.
    entry.timer = setTimeout(() => {
      if (entry.latest) return this.#flush(conversationId, entry);
      this.#pending.delete(conversationId);
    }, this.intervalMs);
    entry.timer.unref?.();
  }
}
