/** Which conversation fields `updateConversation` may change, shared by both stores. */
import type { ConversationPatch } from './store';

/** Every key of {@link ConversationPatch}; anything else in a patch is ignored. */
export const CONVERSATION_PATCH_KEYS = [
  'kind',
  'status',
  'agentId',
  'tags',
  'seen',
  'queuedAt',
  'assignedAt',
  'firstResponseAt',
  'lastMessageAt',
  'closedAt',
  'closedBy',
  'rating',
] as const satisfies readonly (keyof ConversationPatch)[];

/**
 * The patch without unknown keys (a caller must not be able to move `lastSeq`) and without
 * `undefined` values (which would erase a field in memory but vanish in JSON).
 */
export function cleanPatch(patch: ConversationPatch): ConversationPatch {
  const clean: Record<string, unknown> = {};
  for (const key of CONVERSATION_PATCH_KEYS) {
    if (patch[key] !== undefined) clean[key] = structuredClone(patch[key]);
  }
  return clean as ConversationPatch;
}
