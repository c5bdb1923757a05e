import { randomUUID } from 'node:crypto';
import type { Conversation, ConversationKind } from '@parley/shared';

/** A conversation as it starts: waiting in its site's queue, with no messages yet. */
export function newConversation(fields: {
  siteId: string;
  visitorId: string;
  kind: ConversationKind;
  now: string;
}): Conversation {
  return {
    id: randomUUID(),
    siteId: fields.siteId,
    visitorId: fields.visitorId,
    kind: fields.kind,
    status: 'queued',
    agentId: null,
    tags: [],
    lastSeq: 0,
    seen: { visitor: 0, agent: 0 },
    createdAt: fields.now,
    queuedAt: fields.now,
    assignedAt: null,
    firstResponseAt: null,
    lastMessageAt: null,
    closedAt: null,
    closedBy: null,
    rating: null,
  };
}
