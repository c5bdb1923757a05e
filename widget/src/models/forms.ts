/**
 * The panel's forms: pre-chat, offline message, ending the chat, rating, transcript by email.
 * Each one marks the panel busy while the server answers and shows the error code if it refuses.
 */
import type { OfflineLeave } from '@parley/shared';
import type { WidgetStorage } from '../storage';
import type { Result, Transport } from '../transport';
import type { ChatModel } from './chat-model';

/** The form actions of one chat. */
export class Forms {
  constructor(
    private readonly model: ChatModel,
    private readonly transport: Transport,
    private readonly storage: WidgetStorage,
  ) {}

  private get store() {
    return this.model.store;
  }

  /** Pre-chat answers: `name` and `email` fill the visitor's profile, the rest go in `fields`. */
  submitPrechat(values: Record<string, string>): void {
    const { name, email, ...rest } = values;
    const fields = Object.fromEntries(Object.entries(rest).filter(([, v]) => v.trim() !== ''));
    this.storage.set('prechat', '1');
    this.store.update({ prechatDone: true, notice: null });
    this.model.identify({ name, email, fields });
  }

  /** Leaves a message while nobody is available. */
  async leaveOfflineMessage(input: OfflineLeave): Promise<void> {
    const reply = await this.run(() => this.transport.request('offline:leave', input));
    if (reply?.ok) this.store.update({ offlineSent: true });
  }

  /** "End chat". */
  async endChat(): Promise<void> {
    const c = this.store.get().conversation;
    if (!c) return;
    const reply = await this.run(
      () => this.transport.request('conversation:close', { conversationId: c.id }),
      // Closed already (by the agent, or in another tab): show it closed.
      'CONFLICT',
    );
    if (!reply) return;
    if (reply.ok) this.model.adopt(reply.data.conversation);
    else this.model.conversationClosed(c.id, c.closedBy ?? 'agent');
  }

  /** The 1–5 satisfaction answer and its comment. */
  async rate(csat: number, comment: string): Promise<void> {
    await this.submitRating({ csat, ...(comment.trim() ? { comment: comment.trim() } : {}) });
  }

  /** The 0–10 recommendation answer. */
  async rateNps(nps: number): Promise<void> {
    await this.submitRating({ nps });
  }

  /** The visitor would rather not answer the NPS question. */
  skipNps(): void {
    this.store.update({ npsSkipped: true });
  }

  /** Emails the transcript of the current conversation. */
  async emailTranscript(email: string): Promise<void> {
    const c = this.store.get().conversation;
    if (!c) return;
    // The relay mails a transcript only to the email on the visitor's profile: record it first.
    const identified = await this.run(() =>
      this.transport.request('visitor:identify', { email: email.trim() }),
    );
    if (!identified) return;
    const reply = await this.run(() =>
      this.transport.request('transcript:email', { conversationId: c.id, email: email.trim() }),
    );
    if (reply?.ok) this.store.update({ transcriptSentTo: email.trim() });
  }

  /** Leaves the ended conversation behind; the next message starts a new one. */
  newChat(): void {
    const left = this.store.get().conversation;
    if (left) this.storage.set('dismissed', left.id);
    this.store.update({
      conversation: null,
      messages: [],
      typing: null,
      npsSkipped: false,
      transcriptSentTo: null,
      notice: null,
    });
    this.model.persistConversation();
  }

  /** Turns the new-message sound on or off, for every tab of this site. */
  toggleSound(): void {
    const soundOn = !this.store.get().soundOn;
    this.storage.set('sound', soundOn ? 'on' : 'off');
    this.store.update({ soundOn });
  }

  private async submitRating(answer: { csat?: number; comment?: string; nps?: number }) {
    const c = this.store.get().conversation;
    if (!c) return;
    const reply = await this.run(
      () => this.transport.request('rating:submit', { conversationId: c.id, ...answer }),
      // Rated already (in another tab, say): the question is answered, move on.
      'ALREADY_RATED',
    );
    const current = this.store.get().conversation;
    if (!reply || !current || current.id !== c.id) return;
    const rating = reply.ok
      ? reply.data.rating
      : {
          csat: answer.csat ?? current.rating?.csat ?? null,
          comment: answer.comment ?? current.rating?.comment ?? null,
          nps: answer.nps ?? current.rating?.nps ?? null,
          createdAt: new Date().toISOString(),
        };
    this.store.update({ conversation: { ...current, rating } });
    this.model.persistConversation();
  }

  /**
   * Runs one request with the panel busy. Returns the reply when it succeeded or failed with the
   * `accepted` code; otherwise shows the error and returns null.
   */
  private async run<T>(
    request: () => Promise<Result<T>>,
    accepted?: string,
  ): Promise<Result<T> | null> {
    this.store.update({ busy: true, notice: null });
    const reply = await request();
    this.store.update({ busy: false });
    if (reply.ok || reply.error.code === accepted) return reply;
    this.store.update({
      notice: reply.error.code,
      noticeRetryAfterMs: reply.error.retryAfterMs ?? null,
    });
    return null;
  }
}
