/**
 * The wire protocol: namespaces, events and their payloads. PROTOCOL.md describes the same in prose.
 * Client→server events are requests answered by an {@link Ack}; server→client events are announcements.
 */
import type { AckCallback } from './ack';
import type {
  Agent,
  AgentStatus,
  Author,
  ClosedBy,
  Conversation,
  Message,
  PublicSiteConfig,
  Rating,
  Site,
  Visitor,
  VisitorConversation,
} from './domain';
import type {
  AgentMessageSend,
  AgentStatusSet,
  ConversationRef,
  ConversationTag,
  ConversationTake,
  ConversationTransfer,
  ConversationWatch,
  InboxListing,
  MessageHistory,
  OfflineLeave,
  PageViewInput,
  RatingSubmit,
  SeenSet,
  TranscriptEmail,
  TypingSet,
  VisitorHello,
  VisitorIdentify,
  VisitorMessageSend,
} from './schemas';

/** Socket.IO namespaces: visitors and agents never share one. */
export const NAMESPACES = { visitor: '/visitor', agent: '/agent' } as const;

/** An acknowledgement with nothing to report. */
export type Empty = Record<string, never>;

/** What `visitor:hello` answers: who the visitor is and where their conversation stands. */
export interface VisitorSession {
  visitor: Pick<Visitor, 'id' | 'name' | 'email' | 'verified'>;
  /** Keep this (the widget uses localStorage) and send it as `auth.token` on the next connect. */
  token: string;
  conversation: VisitorConversation | null;
  /** The open conversation's messages (internal notes never included), oldest first. */
  messages: Message[];
  site: PublicSiteConfig;
}

/** Requests a visitor may send: `in` is the payload, `out` the ack's `data`. */
export interface VisitorRequests {
  'visitor:hello': { in: VisitorHello; out: VisitorSession };
  /** With `locale`, `site` answers in the site's words for that language. */
  'visitor:identify': { in: VisitorIdentify; out: { verified: boolean; site?: PublicSiteConfig } };
  'page:view': { in: PageViewInput; out: Empty };
  'message:send': {
    in: VisitorMessageSend;
    out: { message: Message; conversation: VisitorConversation };
  };
  'message:history': { in: MessageHistory; out: { messages: Message[] } };
  'typing:set': { in: TypingSet; out: Empty };
  'seen:set': { in: SeenSet; out: Empty };
  'conversation:close': { in: ConversationRef; out: { conversation: VisitorConversation } };
  'rating:submit': { in: RatingSubmit; out: { rating: Rating } };
  'transcript:email': { in: TranscriptEmail; out: Empty };
  'offline:leave': { in: OfflineLeave; out: { conversationId: string } };
}

/** What `agent:hello` answers. */
export interface AgentSession {
  agent: Agent;
  /** The sites this agent serves (every site of theirs, for owners). */
  sites: Site[];
  /** Colleagues serving any of those sites, for transfer and presence. */
  agents: Agent[];
}

/** How many live chats an agent holds: what counts against their capacity, over all their sites. */
export interface AgentLoad {
  agentId: string;
  activeChats: number;
}

/** Requests an agent may send. */
export interface AgentRequests {
  'agent:hello': { in: Empty; out: AgentSession };
  'agent:status': { in: AgentStatusSet; out: { agent: Agent } };
  'message:send': { in: AgentMessageSend; out: { message: Message } };
  'message:history': { in: MessageHistory; out: { messages: Message[] } };
  'typing:set': { in: TypingSet; out: Empty };
  'seen:set': { in: SeenSet; out: Empty };
  'conversation:take': { in: ConversationTake; out: { conversation: Conversation } };
  'conversation:transfer': { in: ConversationTransfer; out: { conversation: Conversation } };
  'conversation:close': { in: ConversationRef; out: { conversation: Conversation } };
  'conversation:tag': { in: ConversationTag; out: { conversation: Conversation } };
  /**
   * The conversations this console shows (replacing what it said before; empty for none): their
   * full messages, typing and read receipts reach it. Chats assigned to the agent always do.
   */
  'conversation:watch': { in: ConversationWatch; out: { conversationIds: string[] } };
  /**
   * The conversations this console's inbox lists (replacing what it said before): of the rest,
   * only queued chats reach it in `inbox:activity`. A console that never says gets them all.
   */
  'inbox:listing': { in: InboxListing; out: { conversationIds: string[] } };
  /** The live chats of the agent and of each colleague sharing a site, e.g. to choose whom to transfer to. */
  'agent:loads': { in: Empty; out: { loads: AgentLoad[] } };
}

/** The most conversations an `inbox:listing` may name: ten pages of the console's inbox. */
export const INBOX_LISTING_MAX = 500;

/**
 * What the rest of a site's consoles hear of a conversation's messages: the latest one, so an
 * inbox stays current without every console receiving every message.
 */
export interface ConversationActivity {
  conversationId: string;
  siteId: string;
  /** The newest message so far (a note included). */
  message: Message;
  /** Visitor messages since the previous summary, for unread counts. */
  visitorMessages: number;
}

/**
 * One site's conversations with news, at most about once a second per site: a console's socket
 * gets about one write a second however many conversations are busy.
 */
export interface InboxActivity {
  siteId: string;
  conversations: ConversationActivity[];
}

/** Typing state of the other side. */
export interface TypingChanged {
  conversationId: string;
  author: Exclude<Author, 'system'>;
  name: string | null;
  typing: boolean;
}

/** The other side has seen every message up to `seq`. */
export interface SeenChanged {
  conversationId: string;
  author: Exclude<Author, 'system'>;
  seq: number;
}

/** Announcements to every socket (every tab) of a visitor. */
export interface VisitorAnnouncements {
  'message:created': (event: { message: Message }) => void;
  'typing:changed': (event: TypingChanged) => void;
  'seen:changed': (event: SeenChanged) => void;
  /** Status, assigned agent or queue position changed. */
  'conversation:updated': (event: { conversation: VisitorConversation }) => void;
  'conversation:closed': (event: { conversationId: string; closedBy: ClosedBy }) => void;
  /** Whether the site has an available agent (shown in the panel header). */
  'presence:changed': (event: {
    available: boolean;
    agent: { name: string; status: AgentStatus } | null;
  }) => void;
}

/**
 * Announcements to agents. Full messages, typing and receipts go only to the consoles showing the
 * conversation (`conversation:watch`) and to its assignee; the site's other consoles get
 * `inbox:activity`.
 */
export interface AgentAnnouncements {
  /** A message, including internal notes. */
  'message:created': (event: { message: Message }) => void;
  /**
   * The latest messages of conversations this console does not show but lists, and of the
   * site's queued chats (batched per site).
   */
  'inbox:activity': (event: InboxActivity) => void;
  'typing:changed': (event: TypingChanged) => void;
  'seen:changed': (event: SeenChanged) => void;
  /** A conversation was created or changed (status, agent, tags, rating). */
  'conversation:updated': (event: { conversation: Conversation; visitor: Visitor }) => void;
  /** A visitor's profile or current page changed. */
  'visitor:updated': (event: { visitor: Visitor }) => void;
  /** An agent's status, capacity or sites changed. */
  'agent:updated': (event: { agent: Agent }) => void;
  /** A colleague no longer shares a site with the receiver, or their account was removed. */
  'agent:removed': (event: { agentId: string }) => void;
}

/** Socket.IO's client→server event map built from a request table. */
export type RequestEvents<R> = {
  [K in keyof R]: R[K] extends { in: infer I; out: infer O }
    ? (payload: I, ack: AckCallback<O>) => void
    : never;
};

/** The /visitor namespace as the widget's socket sees it. */
export type VisitorClientEvents = RequestEvents<VisitorRequests>;
/** The /agent namespace as the console's socket sees it. */
export type AgentClientEvents = RequestEvents<AgentRequests>;

/** Names of the requests, for iteration (tests, docs). */
export const VISITOR_REQUESTS = [
  'visitor:hello',
  'visitor:identify',
  'page:view',
  'message:send',
  'message:history',
  'typing:set',
  'seen:set',
  'conversation:close',
  'rating:submit',
  'transcript:email',
  'offline:leave',
] as const satisfies readonly (keyof VisitorRequests)[];

/** Names of the agent requests. */
export const AGENT_REQUESTS = [
  'agent:hello',
  'agent:status',
  'message:send',
  'message:history',
  'typing:set',
  'seen:set',
  'conversation:take',
  'conversation:transfer',
  'conversation:close',
  'conversation:tag',
  'conversation:watch',
  'inbox:listing',
  'agent:loads',
] as const satisfies readonly (keyof AgentRequests)[];
