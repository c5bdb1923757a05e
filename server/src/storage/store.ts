/**
 * Everything Parley keeps goes through this interface. lowdb (a JSON snapshot plus an append-only
 * journal) is the embedded default; PostgreSQL is for running several relay processes.
 * store.contract.ts is the test suite every implementation must pass.
 */
import type { FileStore } from '../files/file-store';
import type {
  Agent,
  AuditEntry,
  CannedReply,
  Conversation,
  ConversationStatus,
  ConversationKind,
  Message,
  Rating,
  Site,
  Visitor,
} from '@parley/shared';
import type { ReportAggregates, ReportScope } from '../reports/report-aggregates';

/** An agent as stored: the public shape plus its password hash. */
export interface AgentRecord extends Agent {
  passwordHash: string;
  /**
   * Tokens carry the version they were issued under; bumping it (`revokeTokens`) ends every
   * session of the agent. Absent in records from before revocation existed: version 0.
   */
  tokenVersion?: number;
}

/** A new message; the store assigns `seq`. */
export type NewMessage = Omit<Message, 'seq'>;

/** What `appendMessage` did. */
export interface AppendResult {
  message: Message;
  /** True when a message with the same `clientId` already existed: nothing new was stored. */
  duplicate: boolean;
  /** The conversation as it is after the append. */
  conversation: Conversation;
}

/** Conditions of `appendMessage`. */
export interface AppendOptions {
  /** Refuse with CONFLICT when the conversation is closed (replies, unlike notes, need it open). */
  requireOpen?: boolean;
}

/** Filters of `listConversations`; every given filter must match. */
export interface ConversationFilter {
  siteIds?: string[];
  status?: ConversationStatus;
  statuses?: ConversationStatus[];
  kind?: ConversationKind;
  agentId?: string;
  visitorId?: string;
  tag?: string;
  /** Created at or after (ISO). */
  from?: string;
  /** Created before (ISO). */
  to?: string;
  /**
   * Text found in a message, the visitor's name or the visitor's email, ignoring case and accents
   * (`foldForSearch`): "zielinska" finds "Zielińska", "rach" finds "rachunek".
   */
  q?: string;
  limit?: number;
  offset?: number;
}

/** The fields of a conversation that change after creation. */
export type ConversationPatch = Partial<
  Pick<
    Conversation,
    | 'kind'
    | 'status'
    | 'agentId'
    | 'tags'
    | 'seen'
    | 'queuedAt'
    | 'assignedAt'
    | 'firstResponseAt'
    | 'lastMessageAt'
    | 'closedAt'
    | 'closedBy'
    | 'rating'
  >
>;

/** Decides a change from the current state: a patch, null for "nothing to do", or a throw. */
export type ConversationDecision = (current: Conversation) => ConversationPatch | null;

/** Which audit entries `listAuditEntries` returns, newest first. */
export interface AuditFilter {
  /** Entries concerning any of these sites... */
  siteIds: string[];
  /** ...or done by this agent (an action on an account that serves no site yet). */
  actorId: string;
  limit: number;
  offset: number;
}

/** What an outgoing email is, for logs and for the console's delivery status. */
export type OutboxKind = 'offline-notification' | 'transcript' | 'reply' | 'missed-digest';

/** The email itself, as handed to the mail transport. */
export interface OutboxContent {
  to: string[];
  subject: string;
  text: string;
  html?: string;
  replyTo?: string;
}

/**
 * An email in the durable outbox: written before anything is sent, claimed by one relay at a time
 * (a lease), retried with backoff, and kept with its outcome so the console can say what happened.
 */
export interface OutboxMail {
  id: string;
  createdAt: string;
  kind: OutboxKind;
  /** The conversation it is about, if any: erasing or expiring it deletes the email too. */
  conversationId: string | null;
  /** The message it carries (an agent's reply), for that message's delivery status. */
  messageId: string | null;
  content: OutboxContent;
  status: 'pending' | 'sending' | 'sent' | 'failed';
  /** Sends tried so far. */
  attempts: number;
  /** When it may be tried (again). */
  nextAttemptAt: string;
  /** While `sending`: which relay holds it, and until when. */
  leaseHolder: string | null;
  leaseUntil: string | null;
  lastError: string | null;
  sentAt: string | null;
}

/** How a claimed send ended. */
export type MailOutcome =
  | { status: 'sent'; at: string }
  | { status: 'pending'; nextAttemptAt: string; error: string }
  | { status: 'failed'; error: string };

/** How a conversation reaches an agent. */
export type AssignMode = 'auto' | 'take' | 'transfer';

/** The fields of a visitor that change after creation; `fields` is merged key by key. */
export type VisitorPatch = Partial<
  Pick<
    Visitor,
    | 'name'
    | 'email'
    | 'userId'
    | 'verified'
    | 'locale'
    | 'timeZone'
    | 'userAgent'
    | 'page'
    | 'lastSeenAt'
  >
> & { fields?: Record<string, string> };

/** The fields of an agent that change after creation. */
export type AgentPatch = Partial<
  Pick<
    AgentRecord,
    'email' | 'name' | 'role' | 'status' | 'capacity' | 'siteIds' | 'passwordHash' | 'digestEmails'
  >
> & {
  /** Adds one to `tokenVersion` in the same atomic step, ending every session issued before. */
  revokeTokens?: boolean;
};

/** An agent routing may give a chat to: connected to some relay right now, serving the site. */
export interface RoutingCandidate {
  agentId: string;
  /** Epoch ms since which a console of theirs has been connected (ties go to the longest idle). */
  connectedSince: number;
}

/** What `startChat` did. */
export interface StartedChat {
  conversation: Conversation;
  /** False when the visitor already had an open chat, which is returned instead. */
  created: boolean;
}

/** What `changeConversation` did. */
export interface ChangedConversation {
  conversation: Conversation;
  /** False when the decision asked for no change. */
  changed: boolean;
}

/** How an assignment may be refused on the agent's side. */
export interface AssignOptions {
  mode: AssignMode;
  /** ISO time of the assignment. */
  at: string;
  /** Refuse unless the agent's status is `online` (transfers); a take may come from an away agent. */
  requireOnline: boolean;
  /** Assign even when the agent's chats are at capacity (a take the agent confirmed). */
  overCapacity?: boolean;
}

/** Whether a store can take writes right now; `reason` says why not. */
export type StoreHealth = { ok: true } | { ok: false; reason: string };

/**
 * Parley's storage: the single source of truth. Every decision that must be unique (assigning a
 * chat, taking a capacity slot, closing, starting a visitor's chat, a cluster-wide chore) is one
 * atomic operation here; callers never read, decide and write back on their own.
 * All methods return copies: mutating a result never changes the store.
 */
export interface Store {
  /** Opens files or connections and loads what is needed; call once before anything else. */
  init(): Promise<void>;
  /** Where attachments' bytes are kept, beside this store's data (open once `init` resolved). */
  readonly files: FileStore;
  /** Flushes everything acknowledged so far and releases files or connections. */
  close(): Promise<void>;
  /** Whether reads and writes can succeed now (cheap: a health check calls it often). */
  health(): Promise<StoreHealth>;

  /** Stores a new site. */
  createSite(site: Site): Promise<Site>;
  /** A site by id, or null. */
  getSite(id: string): Promise<Site | null>;
  /** Every site, oldest first. */
  listSites(): Promise<Site[]>;
  /** Replaces a site's stored fields with `site` (same id). Throws NOT_FOUND. */
  updateSite(site: Site): Promise<Site>;

  /** Stores a new agent. Throws EMAIL_TAKEN when the email is in use. */
  createAgent(agent: AgentRecord): Promise<AgentRecord>;
  /** An agent by id, or null. */
  getAgent(id: string): Promise<AgentRecord | null>;
  /** An agent by email (case-insensitive), or null. */
  getAgentByEmail(email: string): Promise<AgentRecord | null>;
  /** Every agent, oldest first. */
  listAgents(): Promise<AgentRecord[]>;
  /** Replaces an agent's stored fields (same id). Throws NOT_FOUND, or EMAIL_TAKEN. */
  updateAgent(agent: AgentRecord): Promise<AgentRecord>;
  /**
   * Changes only the given fields of an agent, atomically. A change of `status` is also written to
   * the agent's status history (with `at`, default now), in the same step: reports count time online
   * from it. Throws NOT_FOUND, or EMAIL_TAKEN.
   */
  patchAgent(id: string, patch: AgentPatch, at?: string): Promise<AgentRecord>;
  /**
   * Deletes an agent account. Their messages keep `agentId` and `authorName`, conversations keep
   * `agentId`; the email becomes free. Throws NOT_FOUND.
   */
  deleteAgent(id: string): Promise<void>;

  /** Stores a visitor, or replaces the stored one with the same id. */
  saveVisitor(visitor: Visitor): Promise<Visitor>;
  /** A visitor by id, or null. */
  getVisitor(id: string): Promise<Visitor | null>;
  /**
   * Creates the visitor from `initial` when unknown, then applies `patch` (fields merged key by
   * key), in one atomic step: two updates at once both land.
   */
  updateVisitor(initial: Visitor, patch: VisitorPatch): Promise<Visitor>;

  /**
   * Erases a visitor: their profile and every conversation of theirs, with its messages, notes
   * and rating, in one atomic step. The lowdb store also rewrites db.json and drops its journals
   * before resolving, so the erased data is gone from disk too. Returns the ids of the deleted
   * conversations; an unknown visitor erases nothing.
   */
  eraseVisitor(id: string): Promise<string[]>;
  /**
   * Deletes a site's conversations closed before `before` (ISO), with their messages (retention).
   * Open conversations are never deleted. Returns the ids of the deleted conversations.
   */
  deleteClosedConversations(siteId: string, before: string): Promise<string[]>;

  /** Stores a new conversation. */
  createConversation(conversation: Conversation): Promise<Conversation>;
  /** A conversation by id, or null. */
  getConversation(id: string): Promise<Conversation | null>;
  /** Applies `patch` and returns the result. Throws NOT_FOUND. */
  updateConversation(id: string, patch: ConversationPatch): Promise<Conversation>;
  /** Conversations matching `filter`, newest activity first, and how many match in all. */
  listConversations(filter: ConversationFilter): Promise<{ items: Conversation[]; total: number }>;
  /** Conversations that are not closed, oldest first. */
  listOpenConversations(): Promise<Conversation[]>;

  /**
   * Stores `conversation` (a new live chat) unless its visitor already has an open chat, which is
   * then returned instead: a visitor never has two open chats, however many tabs start one.
   */
  startChat(conversation: Conversation): Promise<StartedChat>;
  /** The visitor's open live chat, or null. */
  openChatOf(visitorId: string): Promise<Conversation | null>;
  /** A site's waiting live chats, first in line first. */
  listQueue(siteId: string): Promise<Conversation[]>;
  /** Live chats assigned to each agent (across all their sites): what counts against capacity. */
  activeChatCounts(agentIds: string[]): Promise<Map<string, number>>;
  /**
   * Reads the conversation, asks `decide` (synchronous, pure) for a patch and applies it, with no
   * other change to that conversation in between. `decide` may throw a ParleyError to refuse:
   * nothing is written. Throws NOT_FOUND.
   */
  changeConversation(id: string, decide: ConversationDecision): Promise<ChangedConversation>;
  /**
   * Gives a conversation to an agent if the conversation allows it (`decide`) and the agent has
   * room: fewer active chats than their capacity, counted across every site they serve, decided
   * atomically with every other assignment to that agent. Throws CONFLICT (conversation state),
   * NOT_FOUND, or AGENT_UNAVAILABLE (at capacity, or not online when required).
   */
  assignConversation(
    conversationId: string,
    agentId: string,
    options: AssignOptions,
  ): Promise<Conversation>;
  /**
   * Assigns the first chat in a site's queue to the best candidate: online, below capacity, the
   * fewest active chats, ties to the one idle longest (see routing/pick-agent.ts). Null when the
   * queue is empty or nobody has room. Atomic against every other assignment.
   */
  assignNextQueued(
    siteId: string,
    candidates: RoutingCandidate[],
    at: string,
  ): Promise<Conversation | null>;

  /**
   * Appends a message with the next sequence number of its conversation and bumps the
   * conversation's `lastSeq`/`lastMessageAt`; the first public agent message also sets
   * `firstResponseAt`, in the same atomic step. Idempotent on (conversationId, clientId).
   * Durable when the promise resolves: it survives the process being killed.
   */
  appendMessage(message: NewMessage, options?: AppendOptions): Promise<AppendResult>;
  /** Messages of a conversation with `seq > afterSeq`, in order, at most `limit`. */
  listMessages(
    conversationId: string,
    options?: { afterSeq?: number; limit?: number },
  ): Promise<Message[]>;
  /**
   * The newest message of a conversation (notes included) whose text contains `q`, ignoring case
   * and accents as `listConversations` does, or null: what a search result shows.
   */
  latestMatch(conversationId: string, q: string): Promise<Message | null>;
  /** The last message of a conversation, or null. */
  lastMessage(conversationId: string): Promise<Message | null>;

  /** Canned replies of a site, by shortcut. */
  listCannedReplies(siteId: string): Promise<CannedReply[]>;
  /** Stores a canned reply; an existing shortcut on the same site is replaced. */
  saveCannedReply(reply: CannedReply): Promise<CannedReply>;
  /** Deletes a canned reply. Throws NOT_FOUND. */
  deleteCannedReply(siteId: string, id: string): Promise<void>;

  /**
   * Takes or renews the lease `name` for `holder` for `ttlMs` if it is free, expired or already
   * theirs; true when `holder` holds it now. Chores that must run once per cluster run under one.
   */
  acquireLease(name: string, holder: string, ttlMs: number): Promise<boolean>;
  /**
   * Runs `task` while no other task of the same name runs anywhere on this store (every relay
   * process sharing it), e.g. the first start. Waits for its turn.
   */
  runExclusive<T>(name: string, task: () => Promise<T>): Promise<T>;

  /** Puts an email in the outbox (status `pending`). */
  enqueueMail(mail: OutboxMail): Promise<OutboxMail>;
  /**
   * Takes up to `limit` due emails for `holder` until `leaseUntil`, atomically: pending ones whose
   * `nextAttemptAt` has come, and `sending` ones whose lease ran out (their relay died). Each is
   * given to one holder at a time, on every relay sharing the store; `attempts` counts the claim.
   */
  claimMail(holder: string, now: string, leaseUntil: string, limit: number): Promise<OutboxMail[]>;
  /** Records how a claimed send ended; false (and nothing written) unless `holder` still holds it. */
  settleMail(id: string, holder: string, outcome: MailOutcome): Promise<boolean>;
  /** The emails about a conversation, oldest first. */
  listMailOf(conversationId: string): Promise<OutboxMail[]>;

  /** Records an owner-level action; entries are only ever added. */
  appendAuditEntry(entry: AuditEntry): Promise<void>;
  /** Audit entries matching `filter`, newest first, and how many match in all. */
  listAuditEntries(filter: AuditFilter): Promise<{ items: AuditEntry[]; total: number }>;

  /**
   * The figures of a report, computed inside the store (see reports/report-aggregates.ts): never
   * by handing every conversation to the caller, and without blocking the relay for long.
   */
  reportAggregates(scope: ReportScope): Promise<ReportAggregates>;

  /** A small key/value area for server secrets and settings (e.g. the token signing key). */
  getSetting(key: string): Promise<string | null>;
  /** Sets a setting. */
  setSetting(key: string, value: string): Promise<void>;
}

export type { Rating };
