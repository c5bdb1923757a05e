/**
 * `listConversations` semantics for stores that filter in memory. PostgresStore expresses the
 * same rules in SQL (postgres-conversation-query.ts); the contract suite keeps the two in step.
 */
import { foldForSearch } from '@parley/shared';
import type { Conversation, Message, Visitor } from '@parley/shared';
import type { ConversationFilter } from './store';

/** Page size when the filter gives none. */
export const DEFAULT_CONVERSATION_LIMIT = 50;

/** The filter's page, with defaults applied and nonsense (negative, fractional) clamped. */
export function pageOf(filter: ConversationFilter): { limit: number; offset: number } {
  const limit = Math.max(0, Math.floor(filter.limit ?? DEFAULT_CONVERSATION_LIMIT));
  const offset = Math.max(0, Math.floor(filter.offset ?? 0));
  return { limit, offset };
}

/** The search text of the filter, or null when there is nothing to search for. */
export function searchTextOf(filter: ConversationFilter): string | null {
  const q = filter.q?.trim();
  return q ? q : null;
}

/** True when the conversation passes every filter except `q`. */
export function matchesFilter(conversation: Conversation, filter: ConversationFilter): boolean {
  const c = conversation;
  if (filter.siteIds && !filter.siteIds.includes(c.siteId)) return false;
  if (filter.status !== undefined && c.status !== filter.status) return false;
  if (filter.statuses && !filter.statuses.includes(c.status)) return false;
  if (filter.kind !== undefined && c.kind !== filter.kind) return false;
  if (filter.agentId !== undefined && c.agentId !== filter.agentId) return false;
  if (filter.visitorId !== undefined && c.visitorId !== filter.visitorId) return false;
  if (filter.tag !== undefined && !c.tags.includes(filter.tag)) return false;
  const created = Date.parse(c.createdAt);
  if (filter.from !== undefined && !(created >= Date.parse(filter.from))) return false;
  if (filter.to !== undefined && !(created < Date.parse(filter.to))) return false;
  return true;
}

/** The search text of the filter as search compares it (no case, no accents), or null. */
export function searchNeedleOf(filter: ConversationFilter): string | null {
  const q = searchTextOf(filter);
  return q === null ? null : foldForSearch(q);
}

/** True when the visitor's name or email contains `needle` (already folded). */
export function visitorMatches(visitor: Visitor | undefined, needle: string): boolean {
  if (!visitor) return false;
  return [visitor.name, visitor.email].some(
    (value) => value && foldForSearch(value).includes(needle),
  );
}

/** Messages never change, so each one's folded text is worked out once. */
const foldedTexts = new WeakMap<Message, string>();

/** True when the message's text contains `needle` (already folded). */
export function messageMatches(message: Message, needle: string): boolean {
  let folded = foldedTexts.get(message);
  if (folded === undefined) foldedTexts.set(message, (folded = foldForSearch(message.text)));
  return folded.includes(needle);
}

/**
 * Sorts newest activity (last message, else creation) first, ties broken by creation, then id;
 * each conversation's times are parsed once, not in every comparison (listing a site's 100,000
 * conversations sorts them all).
 */
export function sortByActivity(conversations: Conversation[]): void {
  const keys = new Map(
    conversations.map((c) => [
      c,
      [Date.parse(c.lastMessageAt ?? c.createdAt), Date.parse(c.createdAt)] as const,
    ]),
  );
  conversations.sort((a, b) => {
    const [activityA, createdA] = keys.get(a)!;
    const [activityB, createdB] = keys.get(b)!;
    return activityB - activityA || createdB - createdA || compareCodeUnits(b.id, a.id);
  });
}

/** Oldest first, ties broken by id (the order of `listOpenConversations`). */
export function byCreationAscending(a: Conversation, b: Conversation): number {
  return Date.parse(a.createdAt) - Date.parse(b.createdAt) || compareCodeUnits(a.id, b.id);
}

/** Plain string order, matching PostgreSQL's `COLLATE "C"` for the ASCII ids and shortcuts we use. */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
