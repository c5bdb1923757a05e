/** Response shapes of the REST API (see shared/openapi.yaml). Request bodies are in schemas.ts. */
import type {
  Agent,
  AuditEntry,
  CannedReply,
  Conversation,
  Message,
  Site,
  Visitor,
} from './domain';

/** POST /api/auth/login */
export interface LoginResponse {
  token: string;
  agent: Agent;
}

/** GET /api/auth/me */
export interface MeResponse {
  agent: Agent;
}

/** One row of GET /api/conversations. */
export interface ConversationSummary {
  conversation: Conversation;
  visitor: Visitor;
  /** Latest message visible to agents (notes included), or null for an empty conversation. */
  lastMessage: Message | null;
  /**
   * Only in search results (`q`): the newest message that matched, or null when the visitor's
   * name or email matched instead.
   */
  match?: Message | null;
}

/** GET /api/conversations */
export interface ConversationList {
  items: ConversationSummary[];
  /** How many match the filter in all (for paging). */
  total: number;
}

/** One conversation of a visitor's export: the rating is on `conversation`. */
export interface ExportedConversation {
  conversation: Conversation;
  /** Every message in sequence order, internal notes included. */
  messages: Message[];
}

/** GET /api/visitors/:id/export: everything stored about one visitor. */
export interface VisitorExport {
  exportedAt: string;
  visitor: Visitor;
  /** Oldest first. */
  conversations: ExportedConversation[];
}

/** DELETE /api/visitors/:id: what the erasure removed. */
export interface VisitorErasure {
  visitorId: string;
  /** Ids of the conversations deleted with the visitor (messages and ratings went with them). */
  conversationIds: string[];
}

/**
 * How an agent's reply in an offline conversation reached (or will reach) the visitor:
 * `live` shown in their open widget; `emailed`; `email-pending` being sent or retried;
 * `email-failed` given up; `waiting` for the visitor to come back (no email to send to).
 */
export type DeliveryState = 'live' | 'emailed' | 'email-pending' | 'email-failed' | 'waiting';

export interface MessageDelivery {
  messageId: string;
  state: DeliveryState;
  /** Why it is waiting or failed, in the console's words or the mail server's. */
  reason: string | null;
}

/** GET /api/conversations/:id */
export interface ConversationDetail {
  /** The delivery of each agent reply in an offline conversation (empty for live chats). */
  deliveries: MessageDelivery[];
  conversation: Conversation;
  visitor: Visitor;
  agent: Agent | null;
  /** Every message in sequence order, internal notes included. */
  messages: Message[];
}

/** GET /api/conversations/counts: the console's inbox tabs. */
export interface InboxCounts {
  queue: number;
  mine: number;
  all: number;
  offline: number;
  /** Chats nobody answered, not followed up yet. */
  missed: number;
  closed: number;
}

/** A list response. */
export interface ItemList<T> {
  items: T[];
}

/** Lists returned by the settings endpoints. */
export type SiteList = ItemList<Site>;
export type AgentList = ItemList<Agent>;
export type CannedReplyList = ItemList<CannedReply>;

/** GET /api/audit: the newest entries first, and how many there are in all. */
export interface AuditLog extends ItemList<AuditEntry> {
  total: number;
}
