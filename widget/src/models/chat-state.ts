/**
 * The chat's state and what follows from it. Everything here is a pure function of the state, so
 * components only render and tests need no server.
 */
import type {
  AgentStatus,
  Author,
  Message,
  PublicSiteConfig,
  SystemEvent,
  VisitorConversation,
} from '@parley/shared';
import type { WidgetErrorCode } from '../transport';
import type { OutboxEntry } from './outbox';

/** Socket state as the visitor should understand it. */
export type ConnectionState = 'idle' | 'connecting' | 'online' | 'offline';

/** The chat's whole state. */
export interface ChatState {
  config: PublicSiteConfig;
  open: boolean;
  pageVisible: boolean;
  connection: ConnectionState;
  /** `visitor:hello` has been answered on the current connection. */
  ready: boolean;
  visitor: { name: string | null; email: string | null };
  available: boolean;
  /** The site's agent as announced by `presence:changed`, before any is assigned. */
  presenceAgent: { name: string; status: AgentStatus } | null;
  conversation: VisitorConversation | null;
  /** Confirmed messages, in sequence order. */
  messages: Message[];
  outbox: OutboxEntry[];
  typing: { name: string | null } | null;
  prechatDone: boolean;
  offlineSent: boolean;
  npsSkipped: boolean;
  transcriptSentTo: string | null;
  /** An error to show in the panel until the next action. */
  notice: WidgetErrorCode | null;
  /** With a RATE_LIMITED notice: how long the relay asked to wait, when it said. */
  noticeRetryAfterMs?: number | null;
  /** A form is waiting for the server. */
  busy: boolean;
  soundOn: boolean;
}

/** What a visitor message looks like to them. */
export type Delivery = 'sending' | 'sent' | 'seen' | 'failed';

/** One line of the message list. */
export interface TimelineItem {
  key: string;
  author: Author;
  authorName: string | null;
  text: string;
  /** For relay lines: what happened, to be worded in the visitor's language. */
  event?: SystemEvent;
  createdAt: string;
  /** Only for the visitor's own messages. */
  delivery: Delivery | null;
  /** The outbox entry to retry, for failed messages. */
  clientId: string | null;
  /** Attached files; `url` is missing while the message is still on its way. */
  files?: TimelineFile[];
}

/** A file of a message as the list shows it. */
export interface TimelineFile {
  name: string;
  type: string;
  size: number;
  url?: string;
}

/** Which screen the panel shows. */
export type View = 'prechat' | 'offline' | 'offline-sent' | 'chat' | 'ended';

/** Which rating question is due. */
export type RatingStep = 'csat' | 'nps' | 'done';

/** True while the conversation takes messages. */
export function isOpenConversation(conversation: VisitorConversation | null): boolean {
  return conversation?.status === 'queued' || conversation?.status === 'active';
}

/** Messages of the current conversation followed by the ones still in the outbox. */
export function timeline(state: ChatState): TimelineItem[] {
  const conversation = state.conversation;
  const current = conversation
    ? state.messages.filter((m) => m.conversationId === conversation.id)
    : [];
  const confirmed = new Set(current.map((m) => m.clientId));
  const seenByAgent = conversation?.seen.agent ?? 0;
  const items: TimelineItem[] = current.map((m) => ({
    key: m.id,
    author: m.author,
    authorName: m.authorName,
    text: m.text,
    ...(m.event ? { event: m.event } : {}),
    createdAt: m.createdAt,
    delivery: m.author === 'visitor' ? (m.seq <= seenByAgent ? 'seen' : 'sent') : null,
    clientId: m.author === 'visitor' ? m.clientId : null,
    ...(m.attachments?.length ? { files: m.attachments } : {}),
  }));
  for (const entry of state.outbox) {
    if (confirmed.has(entry.clientId)) continue;
    items.push({
      key: entry.clientId,
      author: 'visitor',
      authorName: null,
      text: entry.text,
      createdAt: entry.createdAt,
      delivery: entry.failed ? 'failed' : 'sending',
      clientId: entry.clientId,
      ...(entry.files?.length ? { files: entry.files } : {}),
    });
  }
  return items;
}

/** Agent messages the visitor has not seen. */
export function unreadCount(state: ChatState): number {
  const conversation = state.conversation;
  if (!conversation) return 0;
  return state.messages.filter(
    (m) =>
      m.conversationId === conversation.id &&
      m.author === 'agent' &&
      m.seq > conversation.seen.visitor,
  ).length;
}

/** The highest sequence number known in the current conversation. */
export function lastSeq(state: ChatState): number {
  const id = state.conversation?.id;
  let max = 0;
  for (const m of state.messages) if (m.conversationId === id && m.seq > max) max = m.seq;
  return max;
}

/** The screen to show. */
export function currentView(state: ChatState): View {
  if (state.conversation?.status === 'closed') return 'ended';
  if (state.conversation || state.outbox.length) return 'chat';
  if (!state.available) return state.offlineSent ? 'offline-sent' : 'offline';
  return state.prechatDone ? 'chat' : 'prechat';
}

/** The next rating question for a closed conversation. */
export function ratingStep(state: ChatState): RatingStep {
  const c = state.conversation;
  if (!c) return 'done';
  if (c.ask.csat && c.rating?.csat == null) return 'csat';
  if (c.ask.nps && c.rating?.nps == null && !state.npsSkipped) return 'nps';
  return 'done';
}

/** True when the site's pre-chat form asks for something we do not know about this visitor yet. */
export function needsPrechat(
  config: PublicSiteConfig,
  visitor: { name: string | null; email: string | null },
): boolean {
  return config.widget.prechatFields.some((field) => {
    if (field.key === 'name') return !visitor.name;
    if (field.key === 'email') return !visitor.email;
    return true;
  });
}

/** Adds `incoming` to `existing`: one copy per id, in sequence order. */
export function mergeMessages(existing: Message[], incoming: readonly Message[]): Message[] {
  if (!incoming.length) return existing;
  const byId = new Map(existing.map((m) => [m.id, m]));
  for (const m of incoming) byId.set(m.id, m);
  return [...byId.values()].sort((a, b) => a.seq - b.seq);
}
