/** Turning PostgreSQL rows into domain objects, and domain values into parameters. */
import type {
  Attachment,
  Author,
  ClosedBy,
  Conversation,
  ConversationKind,
  ConversationStatus,
  Message,
  Rating,
  SystemEvent,
} from '@parley/shared';

/** A row of the conversations table as the driver returns it. */
export interface ConversationRow {
  id: string;
  site_id: string;
  visitor_id: string;
  kind: ConversationKind;
  status: ConversationStatus;
  agent_id: string | null;
  tags: string[];
  last_seq: number;
  seen: { visitor: number; agent: number };
  created_at: Date;
  queued_at: Date | null;
  assigned_at: Date | null;
  first_response_at: Date | null;
  last_message_at: Date | null;
  closed_at: Date | null;
  closed_by: ClosedBy | null;
  rating: Rating | null;
}

/** A row of the messages table as the driver returns it. */
export interface MessageRow {
  conversation_id: string;
  seq: number;
  id: string;
  client_id: string;
  author: Author;
  agent_id: string | null;
  author_name: string | null;
  internal: boolean;
  text: string;
  created_at: Date;
  /** Added after the first release: null on older rows and on every non-system line. */
  event: SystemEvent | null;
  attachments: Attachment[] | null;
}

/** The domain conversation of a row. Timestamps come back in `Date#toISOString` form. */
export function toConversation(row: ConversationRow): Conversation {
  return {
    id: row.id,
    siteId: row.site_id,
    visitorId: row.visitor_id,
    kind: row.kind,
    status: row.status,
    agentId: row.agent_id,
    tags: row.tags,
    lastSeq: row.last_seq,
    seen: row.seen,
    createdAt: row.created_at.toISOString(),
    queuedAt: iso(row.queued_at),
    assignedAt: iso(row.assigned_at),
    firstResponseAt: iso(row.first_response_at),
    lastMessageAt: iso(row.last_message_at),
    closedAt: iso(row.closed_at),
    closedBy: row.closed_by,
    rating: row.rating,
  };
}

/** The domain message of a row. */
export function toMessage(row: MessageRow): Message {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    seq: row.seq,
    clientId: row.client_id,
    author: row.author,
    agentId: row.agent_id,
    authorName: row.author_name,
    internal: row.internal,
    text: row.text,
    createdAt: row.created_at.toISOString(),
    ...(row.event ? { event: row.event } : {}),
    ...(row.attachments ? { attachments: row.attachments } : {}),
  };
}

function iso(value: Date | null): string | null {
  return value === null ? null : value.toISOString();
}

/** jsonb parameter: the driver would send a JS array as a PostgreSQL array, so send JSON text. */
export function json(value: unknown): string | null {
  return value === null || value === undefined ? null : JSON.stringify(value);
}
