/**
 * The visitor's chat: state plus the actions that change it. It reacts to the connection and to
 * server announcements, and keeps what must survive a reload (token, conversation, outbox) in
 * storage. It owns no DOM, no socket and no window listeners; `app.ts` wires those in.
 */
import type {
  ClosedBy,
  Message,
  PageView,
  PublicSiteConfig,
  SeenChanged,
  TypingChanged,
  VisitorConversation,
  VisitorIdentify,
  VisitorSession,
} from '@parley/shared';
import type { ApiEmit } from '../contract';
import { readJson, type WidgetStorage } from '../storage';
import {
  isTransient,
  type Result,
  type Transport,
  type WidgetError,
  type WidgetErrorCode,
} from '../transport';
import {
  isOpenConversation,
  lastSeq,
  mergeMessages,
  needsPrechat,
  unreadCount,
  type ChatState,
} from './chat-state';
import { createOutbox, type Outbox } from './outbox';
import { createStore, type Store } from './store';

/** What the model needs from the outside world. */
export interface ChatModelDeps {
  config: PublicSiteConfig;
  storage: WidgetStorage;
  transport: Transport;
  locale: () => string;
  /** The browser's IANA time zone, so agents see the visitor's local time. */
  timeZone: () => string | undefined;
  page: () => PageView;
  emit: ApiEmit;
  /** A new agent message arrived live (the notification sound listens here). */
  onAgentMessage: (message: Message) => void;
  /** The server forgot this visitor's token: reconnect without it. */
  restartSession: () => void;
  /** Reports problems only the site's developer can fix (a wrong userHash, say). */
  warn: (message: string) => void;
  soundAllowed: boolean;
}

// The other side's typing indicator goes away by itself if its "stopped" event never comes.
const TYPING_EXPIRY_MS = 10_000;

/** The chat model. */
export class ChatModel {
  readonly store: Store<ChatState>;
  /** The outbox, shared with the sender. */
  readonly outbox: Outbox;
  private pendingIdentities: VisitorIdentify[] = [];
  private typingExpiry: ReturnType<typeof setTimeout> | undefined;
  private connectedBefore = false;
  private sessionRestarted = false;
  private readonly announcedClosed = new Set<string>();
  /** Called after each successful hello; the sender flushes the outbox here. */
  onReady: () => void = () => {};

  constructor(private readonly deps: ChatModelDeps) {
    const { config, storage } = deps;
    this.outbox = createOutbox(storage);
    const visitor = { name: null, email: null };
    this.store = createStore<ChatState>({
      config,
      open: false,
      pageVisible: true,
      connection: 'idle',
      ready: false,
      visitor,
      available: config.available,
      presenceAgent: null,
      conversation: readJson<VisitorConversation>(storage, 'conversation'),
      messages: [],
      outbox: this.outbox.list(),
      typing: null,
      prechatDone: storage.get('prechat') === '1' || !needsPrechat(config, visitor),
      offlineSent: false,
      npsSkipped: false,
      transcriptSentTo: null,
      notice: null,
      busy: false,
      soundOn: deps.soundAllowed && storage.get('sound') !== 'off',
    });
  }

  private get state(): ChatState {
    return this.store.get();
  }

  // ------------------------------------------------------------ connection

  /** The socket is trying to connect. */
  connecting(): void {
    if (this.state.connection === 'idle') this.store.update({ connection: 'connecting' });
  }

  /** The socket (re)connected: restore the session, catch up, send what waited. */
  async connected(): Promise<void> {
    const reconnect = this.connectedBefore;
    this.connectedBefore = true;
    const seqBefore = lastSeq(this.state);
    this.store.update({ connection: 'online' });
    // Hello records the visitor's page; a reconnect re-sends the same page, not a new view.
    const reply = await this.deps.transport.request('visitor:hello', {
      locale: this.deps.locale(),
      timeZone: this.deps.timeZone(),
      page: this.deps.page(),
    });
    if (!reply.ok) return this.helloFailed(reply.error);
    this.applySession(reply.data);
    const conversation = this.state.conversation;
    if (reconnect && conversation && isOpenConversation(conversation)) {
      const history = await this.deps.transport.request('message:history', {
        conversationId: conversation.id,
        afterSeq: seqBefore,
      });
      if (history.ok) this.receive(history.data.messages, false);
    }
    for (const input of this.pendingIdentities.splice(0)) void this.sendIdentify(input);
    this.onReady();
    this.maybeMarkSeen();
  }

  /** The socket dropped; Socket.IO's manager reconnects by itself. */
  disconnected(): void {
    clearTimeout(this.typingExpiry);
    this.store.update({ connection: 'offline', ready: false, typing: null });
  }

  /** The server refused the connection (its handshake middleware said no). */
  refused(code: WidgetErrorCode, retryAfterMs?: number): void {
    this.store.update({
      connection: 'offline',
      ready: false,
      notice: code,
      noticeRetryAfterMs: retryAfterMs ?? null,
    });
  }

  private helloFailed(error: WidgetError): void {
    if (error.code === 'UNAUTHENTICATED' && !this.sessionRestarted) {
      this.sessionRestarted = true;
      this.deps.storage.remove('token');
      this.deps.restartSession();
      return;
    }
    if (!isTransient(error.code))
      this.store.update({ notice: error.code, noticeRetryAfterMs: error.retryAfterMs ?? null });
  }

  private applySession(session: VisitorSession): void {
    this.deps.storage.set('token', session.token);
    const s = this.state;
    let { conversation, messages } = s;
    // The server offers a closed, unrated chat for rating; not one the visitor already left.
    const offered =
      session.conversation?.id === this.deps.storage.get('dismissed') ? null : session.conversation;
    if (offered) {
      if (offered.id !== conversation?.id) messages = [];
      conversation = offered;
      messages = mergeMessages(messages, session.messages);
    } else if (conversation && isOpenConversation(conversation)) {
      // It closed while this page was away; the visitor still gets to rate it.
      conversation = { ...conversation, status: 'closed', queuePosition: null };
    }
    // What Parley.identify or the pre-chat form said before this hello is newer than the server's.
    const visitor = {
      name: session.visitor.name ?? s.visitor.name,
      email: session.visitor.email ?? s.visitor.email,
    };
    this.store.update({
      ready: true,
      config: session.site,
      available: session.site.available,
      visitor,
      conversation,
      messages,
      prechatDone: s.prechatDone || !needsPrechat(session.site, visitor),
    });
    this.persistConversation();
  }

  // ------------------------------------------------------------ server announcements

  /** `message:created`. */
  messageCreated(message: Message): void {
    this.receive([message], true);
    this.maybeMarkSeen();
  }

  /** `conversation:updated`. */
  conversationUpdated(conversation: VisitorConversation): void {
    this.adopt(conversation);
  }

  /** `conversation:closed`. */
  conversationClosed(conversationId: string, closedBy: ClosedBy): void {
    const c = this.state.conversation;
    if (c?.id !== conversationId) return;
    this.store.update({
      conversation: { ...c, status: 'closed', closedBy, queuePosition: null },
      typing: null,
      // A transcript emailed during the chat lacks its end: offer the whole one again.
      transcriptSentTo: null,
    });
    this.persistConversation();
    this.announceClosed(conversationId, closedBy);
  }

  /** `typing:changed`. */
  typingChanged(event: TypingChanged): void {
    if (event.author !== 'agent' || event.conversationId !== this.state.conversation?.id) return;
    clearTimeout(this.typingExpiry);
    this.store.update({ typing: event.typing ? { name: event.name } : null });
    if (event.typing) {
      this.typingExpiry = setTimeout(() => this.store.update({ typing: null }), TYPING_EXPIRY_MS);
    }
  }

  /** `seen:changed`: the agent read our messages, or another tab of ours read theirs. */
  seenChanged(event: SeenChanged): void {
    const c = this.state.conversation;
    if (c?.id !== event.conversationId || c.seen[event.author] >= event.seq) return;
    this.store.update({ conversation: { ...c, seen: { ...c.seen, [event.author]: event.seq } } });
    this.persistConversation();
  }

  /** `presence:changed`. */
  presenceChanged(available: boolean, agent: ChatState['presenceAgent']): void {
    this.store.update({ available, presenceAgent: agent });
  }

  /** The outbox changed in another tab. */
  outboxChangedElsewhere(): void {
    this.store.update({ outbox: this.outbox.list() });
  }

  // ------------------------------------------------------------ messages

  /** Adds confirmed messages; `live` ones are news (API event, sound), history is not. */
  receive(incoming: readonly Message[], live: boolean): void {
    const s = this.state;
    const known = new Set(s.messages.map((m) => m.id));
    const fresh = incoming.filter((m) => !known.has(m.id));
    if (!fresh.length) return;
    let outbox = s.outbox;
    for (const m of fresh) if (m.author === 'visitor') outbox = this.outbox.remove(m.clientId);
    const c = s.conversation;
    const top = Math.max(0, ...fresh.filter((m) => m.conversationId === c?.id).map((m) => m.seq));
    const agentWrote = fresh.some((m) => m.author === 'agent');
    this.store.update({
      messages: mergeMessages(s.messages, fresh),
      outbox,
      typing: agentWrote ? null : s.typing,
      conversation: c && top > c.lastSeq ? { ...c, lastSeq: top } : c,
    });
    if (!live) return;
    for (const m of fresh) {
      this.deps.emit('message', m);
      if (m.author === 'agent') this.deps.onAgentMessage(m);
    }
  }

  /** Takes the server's view of a conversation, if it is the current one or a newer one. */
  adopt(next: VisitorConversation): void {
    const current = this.state.conversation;
    const same = current?.id === next.id;
    // A stale update about an older conversation must not replace the one in progress.
    if (!same && current && isOpenConversation(current) && !isOpenConversation(next)) return;
    const closing = isOpenConversation(current) && !isOpenConversation(next);
    this.store.update((s) => ({
      conversation: next,
      messages: same ? s.messages : s.messages.filter((m) => m.conversationId === next.id),
      // As in conversationClosed: a transcript emailed during the chat lacks its end.
      ...(closing ? { transcriptSentTo: null } : {}),
    }));
    this.persistConversation();
    if (next.status === 'closed') this.announceClosed(next.id, next.closedBy ?? 'agent');
  }

  /** Emits `conversation:closed` to the page once per conversation. */
  announceClosed(conversationId: string, closedBy: ClosedBy): void {
    if (this.announcedClosed.has(conversationId)) return;
    this.announcedClosed.add(conversationId);
    this.deps.emit('conversation:closed', { conversationId, closedBy });
  }

  /** Tells the agent whether the visitor is typing. */
  sendTyping(typing: boolean): void {
    const c = this.state.conversation;
    if (!c || !isOpenConversation(c) || !this.state.ready) return;
    void this.deps.transport
      .request('typing:set', { conversationId: c.id, typing })
      .then((reply) => this.reportQuietly(reply));
  }

  // ------------------------------------------------------------ presence of the visitor

  /** The panel opened or closed. */
  setOpen(open: boolean): void {
    this.store.update({ open });
    this.maybeMarkSeen();
  }

  /** The tab became visible or hidden. */
  setPageVisible(pageVisible: boolean): void {
    this.store.update({ pageVisible });
    this.maybeMarkSeen();
  }

  /** The visitor navigated within the page's app. */
  pageViewed(page: PageView): void {
    if (!this.state.ready) return;
    void this.deps.transport.request('page:view', page).then((r) => this.reportQuietly(r));
  }

  private maybeMarkSeen(): void {
    const s = this.state;
    const c = s.conversation;
    if (!c || !s.open || !s.pageVisible || !s.ready || unreadCount(s) === 0) return;
    const seq = lastSeq(s);
    this.store.update({ conversation: { ...c, seen: { ...c.seen, visitor: seq } } });
    this.persistConversation();
    void this.deps.transport
      .request('seen:set', { conversationId: c.id, seq })
      .then((r) => this.reportQuietly(r));
  }

  // ------------------------------------------------------------ identity

  /** `Parley.identify` or the pre-chat form: sent now, or right after the next hello. */
  identify(input: VisitorIdentify): void {
    const payload = withoutEmpty(input);
    if (payload.name || payload.email) {
      this.store.update((s) => ({
        visitor: { name: payload.name ?? s.visitor.name, email: payload.email ?? s.visitor.email },
      }));
    }
    if (this.state.ready) void this.sendIdentify(payload);
    else this.pendingIdentities.push(payload);
  }

  /** The visitor switched language: tell the relay now (the next hello carries it anyway). */
  localeChanged(locale: string): void {
    if (this.state.ready) void this.sendIdentify({ locale });
  }

  private async sendIdentify(payload: VisitorIdentify): Promise<void> {
    const reply = await this.deps.transport.request('visitor:identify', payload);
    // A new language comes back with the site's words in it.
    if (reply.ok) return void (reply.data.site && this.store.update({ config: reply.data.site }));
    if (isTransient(reply.error.code)) this.pendingIdentities.push(payload);
    else this.deps.warn(`Parley.identify: ${reply.error.code}: ${reply.error.message}`);
  }

  // ------------------------------------------------------------ helpers for the other actions

  /** Writes the conversation where the next page load (and the loader) will find it. */
  persistConversation(): void {
    const c = this.state.conversation;
    if (c) this.deps.storage.set('conversation', JSON.stringify(c));
    else this.deps.storage.remove('conversation');
  }

  /** Best-effort events (typing, seen, page views): a lost one is replaced by the next. */
  reportQuietly(reply: Result<unknown>): void {
    if (!reply.ok && !isTransient(reply.error.code) && reply.error.code !== 'RATE_LIMITED') {
      this.deps.warn(`Parley: ${reply.error.code}: ${reply.error.message}`);
    }
  }
}

function withoutEmpty(input: VisitorIdentify): VisitorIdentify {
  const out: VisitorIdentify = {};
  if (input.name?.trim()) out.name = input.name.trim();
  if (input.email?.trim()) out.email = input.email.trim();
  if (input.userId) out.userId = input.userId;
  if (input.userHash) out.userHash = input.userHash;
  if (input.fields && Object.keys(input.fields).length) out.fields = input.fields;
  return out;
}
