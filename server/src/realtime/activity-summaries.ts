/**
 * The inbox side of the fan-out rule: consoles that do not show a conversation hear of its
 * messages as a summary (the latest message), batched per site: at most one announcement per
 * site per interval, listing every conversation with news since the previous one. The first
 * message after a quiet interval goes out at once; a burst ends with one batch of its last
 * messages. So a console's socket gets about one write a second however busy the site is.
 * Each relay summarises the messages it stores; consoles merge by sequence number.
 */
import type { Conversation, ConversationActivity, Message } from '@parley/shared';

/** A conversation's summary with what decides which consoles get it (see inbox-fanout.ts). */
export interface SummaryEntry {
  activity: ConversationActivity;
  /** Queued chats are every console's business: any agent of the site may take them. */
  queued: boolean;
  /** Its assignee's consoles have its messages in full already. */
  agentId: string | null;
}

/** One site's batch. */
export interface SiteSummaries {
  siteId: string;
  entries: SummaryEntry[];
}

interface SiteBatch {
  pending: Map<string, SummaryEntry>;
  timer: ReturnType<typeof setTimeout> | null;
  lastSentAt: number;
}

type ConversationState = Pick<Conversation, 'siteId' | 'status' | 'agentId'>;

export class ActivitySummaries {
  readonly #sites = new Map<string, SiteBatch>();

  constructor(
    private readonly send: (batch: SiteSummaries) => void,
    private readonly intervalMs = 1_000,
  ) {}

  /** A message was stored in `conversation` (in the state it is in after the message). */
  note(conversation: ConversationState, message: Message): void {
    const { siteId } = conversation;
    let site = this.#sites.get(siteId);
    if (!site) {
      site = { pending: new Map(), timer: null, lastSentAt: -Infinity };
      this.#sites.set(siteId, site);
    }
    const id = message.conversationId;
    const entry = site.pending.get(id)?.activity;
    const visitorMessages = (entry?.visitorMessages ?? 0) + (message.author === 'visitor' ? 1 : 0);
    const latest = entry && entry.message.seq > message.seq ? entry.message : message;
    site.pending.set(id, {
      activity: { conversationId: id, siteId, message: latest, visitorMessages },
      queued: conversation.status === 'queued',
      agentId: conversation.agentId,
    });
    if (site.timer) return;
    const wait = site.lastSentAt + this.intervalMs - Date.now();
    if (wait <= 0) return this.#flush(siteId, site);
    site.timer = setTimeout(() => this.#flush(siteId, site), wait);
    site.timer.unref?.();
  }

  /** Drops what is waiting (the relay is closing). */
  close(): void {
    for (const site of this.#sites.values()) if (site.timer) clearTimeout(site.timer);
    this.#sites.clear();
  }

  #flush(siteId: string, site: SiteBatch): void {
    site.timer = null;
    if (site.pending.size === 0) return;
    this.send({ siteId, entries: [...site.pending.values()] });
    site.pending = new Map();
    site.lastSentAt = Date.now();
    // Forgotten after a quiet interval: the next message is again sent at once.
    site.timer = setTimeout(() => {
      if (site.pending.size > 0) return this.#flush(siteId, site);
      this.#sites.delete(siteId);
    }, this.intervalMs);
    site.timer.unref?.();
  }
}
