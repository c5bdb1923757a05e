/** Which schema validates each request. The `satisfies` clauses make the compiler insist on one per event. */
import type { z } from 'zod';
import type { AgentRequests, VisitorRequests } from './protocol';
import * as s from './schemas';

/** Visitor request → schema. */
export const visitorRequestSchemas = {
  'visitor:hello': s.visitorHelloSchema,
  'visitor:identify': s.visitorIdentifySchema,
  'page:view': s.pageViewEventSchema,
  'message:send': s.visitorMessageSendSchema,
  'message:history': s.messageHistorySchema,
  'typing:set': s.typingSetSchema,
  'seen:set': s.seenSetSchema,
  'conversation:close': s.conversationRefSchema,
  'rating:submit': s.ratingSubmitSchema,
  'transcript:email': s.transcriptEmailSchema,
  'offline:leave': s.offlineLeaveSchema,
} as const satisfies { [K in keyof VisitorRequests]: z.ZodType };

/** Agent request → schema. */
export const agentRequestSchemas = {
  'agent:hello': s.emptySchema,
  'agent:status': s.agentStatusSchema,
  'message:send': s.agentMessageSendSchema,
  'message:history': s.messageHistorySchema,
  'typing:set': s.typingSetSchema,
  'seen:set': s.seenSetSchema,
  'conversation:take': s.conversationTakeSchema,
  'conversation:transfer': s.conversationTransferSchema,
  'conversation:close': s.conversationRefSchema,
  'conversation:tag': s.conversationTagSchema,
  'conversation:watch': s.conversationWatchSchema,
  'inbox:listing': s.inboxListingSchema,
  'agent:loads': s.emptySchema,
} as const satisfies { [K in keyof AgentRequests]: z.ZodType };
