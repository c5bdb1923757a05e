/**
 * `listConversations` filters as SQL, the same rules conversation-filter.ts applies in memory.
 * Every value travels as a parameter; only table names (from a checked schema name) are spliced.
 */
import { foldForSearch } from '@parley/shared';
import { searchTextOf } from './conversation-filter';
import { json } from './postgres-rows';
import type { ConversationFilter, ConversationPatch } from './store';

/** A WHERE clause (without the keyword; `true` when empty) and its parameters. */
export interface SqlCondition {
  where: string;
  params: unknown[];
}

/** The conditions of `filter` over `conversations c`, in schema `s` (already quoted). */
export function conversationConditions(filter: ConversationFilter, s: string): SqlCondition {
  const params: unknown[] = [];
  const conditions: string[] = [];
  const param = (value: unknown): string => {
    params.push(value);
    return `$${params.length}`;
  };
  if (filter.siteIds) conditions.push(`c.site_id = ANY(${param(filter.siteIds)}::text[])`);
  if (filter.status !== undefined) conditions.push(`c.status = ${param(filter.status)}`);
  if (filter.statuses) conditions.push(`c.status = ANY(${param(filter.statuses)}::text[])`);
  if (filter.kind !== undefined) conditions.push(`c.kind = ${param(filter.kind)}`);
  if (filter.agentId !== undefined) conditions.push(`c.agent_id = ${param(filter.agentId)}`);
  if (filter.visitorId !== undefined) conditions.push(`c.visitor_id = ${param(filter.visitorId)}`);
  if (filter.tag !== undefined) conditions.push(`${param(filter.tag)} = ANY(c.tags)`);
  if (filter.from !== undefined)
    conditions.push(`c.created_at >= ${param(filter.from)}::timestamptz`);
  if (filter.to !== undefined) conditions.push(`c.created_at < ${param(filter.to)}::timestamptz`);
  const q = searchTextOf(filter);
  if (q !== null) {
    const pattern = param(searchPattern(q));
    const folded = (column: string) => `${s}.parley_fold(${column}) LIKE ${pattern}`;
    conditions.push(`(
      EXISTS (SELECT 1 FROM ${s}.messages m WHERE m.conversation_id = c.id AND ${folded('m.text')})
      OR EXISTS (SELECT 1 FROM ${s}.visitors v WHERE v.id = c.visitor_id
        AND (${folded("v.data->>'name'")} OR ${folded("v.data->>'email'")}))
    )`);
  }
  return { where: conditions.length > 0 ? conditions.join(' AND ') : 'true', params };
}

/** Newest activity first, ties as in `sortByActivity`. */
export const CONVERSATION_ORDER =
  'coalesce(c.last_message_at, c.created_at) DESC, c.created_at DESC, c.id COLLATE "C" DESC';

/** Column and SQL type of each field `updateConversation` may change. */
const PATCH_COLUMNS: Record<keyof ConversationPatch, [column: string, type: string]> = {
  kind: ['kind', 'text'],
  status: ['status', 'text'],
  agentId: ['agent_id', 'text'],
  tags: ['tags', 'text[]'],
  seen: ['seen', 'jsonb'],
  queuedAt: ['queued_at', 'timestamptz'],
  assignedAt: ['assigned_at', 'timestamptz'],
  firstResponseAt: ['first_response_at', 'timestamptz'],
  lastMessageAt: ['last_message_at', 'timestamptz'],
  closedAt: ['closed_at', 'timestamptz'],
  closedBy: ['closed_by', 'text'],
  rating: ['rating', 'jsonb'],
};

/**
 * `column = $n` assignments for a cleaned patch, numbering parameters from `firstParam`;
 * `assignments` is empty when the patch changes nothing.
 */
export function conversationAssignments(
  patch: ConversationPatch,
  firstParam: number,
): { assignments: string; params: unknown[] } {
  const params: unknown[] = [];
  const assignments = Object.entries(patch).map(([key, value]) => {
    const [column, type] = PATCH_COLUMNS[key as keyof ConversationPatch];
    // jsonb travels as JSON text: the driver would send a JS array as a PostgreSQL array.
    params.push(type === 'jsonb' ? json(value) : value);
    return `${column} = $${firstParam + params.length - 1}::${type}`;
  });
  return { assignments: assignments.join(', '), params };
}

/**
 * A LIKE pattern finding `q` anywhere, folded as `parley_fold` folds stored text (the same as
 * foldForSearch for the letters our languages use).
 */
export function searchPattern(q: string): string {
  return `%${escapeLike(foldForSearch(q))}%`;
}

// `%` and `_` typed by a user are literal text, not wildcards (backslash is LIKE's escape).
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}
