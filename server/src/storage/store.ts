/**
 * Everything Parley keeps goes through this interface. lowdb (a JSON snapshot plus an append-only
 * journal) is the embedded default; PostgreSQL is for running several relay processes.
 * store.contract.ts is the test suite every implementation must pass.
 */
import type {
  Agent,
  CannedReply,
  Conversation,
  ConversationStatus,
  ConversationKind,
  Message,
  Rating,
  Site,
  Visitor,
} from '@parley/shared';

/** An agent as stored: the public shape plus its password hash. */
export interface AgentRecord extends Agent {
  passwordHash: string;
}

/** A new message; the store assigns `seq`. */
export type NewMessage = Omit<Message, 'seq'>;

/** What `appendMessage` did. */
export interface AppendResult {
  message: Message;
  /** True when a message with the same `clientId` already existed: nothing new was stored. */
  duplicate: boolean;
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
  /** Case-insensitive text found in a message, the visitor's name or the visitor's email. */
  q?: string;
  limit?: number;
  offset?: number;
}

/** The fields of a conversation that change after creation. */
export type ConversationPatch = Partial<
  Pick<
    Conversation,
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

/** Parley's storage. All methods return copies: mutating a result never changes the store. */
export interface Store {
  /** Opens files or connections and loads what is needed; call once before anything else. */
  init(): Promise<void>;
  /** Flushes everything acknowledged so far and releases files or connections. */
  close(): Promise<void>;

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

  /** Stores a visitor, or replaces the stored one with the same id. */
  saveVisitor(visitor: Visitor): Promise<Visitor>;
  /** A visitor by id, or null. */
  getVisitor(id: string): Promise<Visitor | null>;

  /** Stores a new conversation. */
  createConversation(conversation: Conversation): Promise<Conversation>;
  /** A conversation by id, or null. */
  getConversation(id: string): Promise<Conversation | null>;
  /** Applies `patch` and returns the result. Throws NOT_FOUND. */
  updateConversation(id: string, patch: ConversationPatch): Promise<Conversation>;
  /** Conversations matching `filter`, newest activity first, and how many match in all. */
  listConversations(filter: ConversationFilter): Promise<{ items: Conversation[]; total: number }>;
  /** Conversations that are not closed, oldest first (routing rebuilds its queue from these). */
  listOpenConversations(): Promise<Conversation[]>;

  /**
   * Appends a message with the next sequence number of its conversation and bumps the
   * conversation's `lastSeq`/`lastMessageAt`. Idempotent on (conversationId, clientId).
   * Durable when the promise resolves: it survives the process being killed.
   */
  appendMessage(message: NewMessage): Promise<AppendResult>;
  /** Messages of a conversation with `seq > afterSeq`, in order, at most `limit`. */
  listMessages(
    conversationId: string,
    options?: { afterSeq?: number; limit?: number },
  ): Promise<Message[]>;
  /** The last message of a conversation, or null. */
  lastMessage(conversationId: string): Promise<Message | null>;

  /** Canned replies of a site, by shortcut. */
  listCannedReplies(siteId: string): Promise<CannedReply[]>;
  /** Stores a canned reply; an existing shortcut on the same site is replaced. */
  saveCannedReply(reply: CannedReply): Promise<CannedReply>;
  /** Deletes a canned reply. Throws NOT_FOUND. */
  deleteCannedReply(siteId: string, id: string): Promise<void>;

  /** A small key/value area for server secrets and settings (e.g. the token signing key). */
  getSetting(key: string): Promise<string | null>;
  /** Sets a setting. */
  setSetting(key: string, value: string): Promise<void>;
}

export type { Rating };
