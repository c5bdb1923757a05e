/**
 * The atomic conversation operations on PostgreSQL. Each is one transaction:
 * - a conversation's own changes lock its row (`SELECT … FOR UPDATE`), so a decision is taken on
 *   the state it overwrites;
 * - every assignment first takes a transaction-scoped advisory lock per agent involved, in id
 *   order (no deadlocks), so counting an agent's active chats and adding one cannot interleave
 *   with another assignment to the same agent, whatever site or relay process it comes from.
 *   Advisory locks rather than `FOR UPDATE` on agent rows, because profile edits must not wait
 *   behind routing;
 * - the queue head is read with `SKIP LOCKED`: a head being taken by hand right now is skipped
 *   rather than waited for (waiting on a `LIMIT 1 … FOR UPDATE` can return no row at all once
 *   the head changes, which would look like an empty queue).
 * Row locks are never held while waiting for an agent lock, so the two kinds cannot deadlock.
 */
import type { PoolClient } from 'pg';
import type { Conversation } from '@parley/shared';
import { ParleyError } from '@parley/shared';
import { assertRoomFor, chooseAgent } from './capacity';
import { cleanPatch } from './conversation-patch';
import { assigning, type ConversationDecision } from './conversation-transitions';
import { conversationAssignments } from './postgres-conversation-query';
import type { PostgresDatabase } from './postgres-database';
import { toConversation, type ConversationRow } from './postgres-rows';
import type {
  AgentRecord,
  AssignOptions,
  ChangedConversation,
  ConversationPatch,
  RoutingCandidate,
} from './store';

/** Atomic conversation operations in schema `s` (quoted). */
export class PostgresAssignments {
  constructor(
    private readonly db: () => PostgresDatabase,
    private readonly s: string,
  ) {}

  /** `Store.changeConversation`. */
  changeConversation(id: string, decide: ConversationDecision): Promise<ChangedConversation> {
    return this.db().transaction(async (client) => {
      const current = await this.#lockConversation(client, id);
      const patch = decide(current);
      if (patch === null) return { conversation: current, changed: false };
      return { conversation: await this.#write(client, id, patch), changed: true };
    });
  }

  /** `Store.assignConversation`. */
  assignConversation(
    conversationId: string,
    agentId: string,
    options: AssignOptions,
  ): Promise<Conversation> {
    return this.db().transaction(async (client) => {
      await this.#lockAgents(client, [agentId]);
      const current = await this.#lockConversation(client, conversationId);
      const patch = assigning(agentId, options.mode, options.at)(current)!;
      const [agents, counts] = await Promise.all([
        this.#agents(client, [agentId]),
        this.#activeCounts(client, [agentId]),
      ]);
      assertRoomFor(agents.get(agentId)?.agent, counts.get(agentId) ?? 0, options);
      return this.#assign(client, conversationId, agentId, patch, options.at);
    });
  }

  /** `Store.assignNextQueued`. */
  async assignNextQueued(
    siteId: string,
    candidates: RoutingCandidate[],
    at: string,
  ): Promise<Conversation | null> {
    if (candidates.length === 0) return null;
    // Nobody waiting (the usual end of a drain): no need to lock the team to learn it. A chat
    // queued just after this look drains itself: its first message drains the queue once stored.
    const waiting = await this.db().query(
      `SELECT 1 FROM ${this.s}.conversations
        WHERE site_id = $1 AND status = 'queued' AND kind = 'chat' LIMIT 1`,
      [siteId],
    );
    if (waiting.length === 0) return null;
    const ids = candidates.map((candidate) => candidate.agentId);
    return this.db().transaction(async (client) => {
      await this.#lockAgents(client, ids);
      const heads = await client.query<ConversationRow>(
        `SELECT * FROM ${this.s}.conversations
          WHERE site_id = $1 AND status = 'queued' AND kind = 'chat'
          ORDER BY queued_at, id COLLATE "C" LIMIT 1 FOR UPDATE SKIP LOCKED`,
        [siteId],
      );
      const head = heads.rows[0];
      if (!head) return null;
      const [agents, counts] = await Promise.all([
        this.#agents(client, ids),
        this.#activeCounts(client, ids),
      ]);
      const agentId = chooseAgent(
        candidates,
        (id) => agents.get(id)?.agent,
        (id) => counts.get(id) ?? 0,
        (id) => agents.get(id)?.lastAssignedAt ?? null,
      );
      if (!agentId) return null;
      const patch = assigning(agentId, 'auto', at)(toConversation(head))!;
      return this.#assign(client, head.id, agentId, patch, at);
    });
  }

  /** `Store.activeChatCounts`. */
  async activeChatCounts(agentIds: string[]): Promise<Map<string, number>> {
    const rows = await this.db().query<{ agent_id: string; active: string }>(this.#activeCountSql, [
      agentIds,
    ]);
    return countsOf(agentIds, rows);
  }

  get #activeCountSql(): string {
    return `SELECT agent_id, count(*) AS active FROM ${this.s}.conversations
      WHERE status = 'active' AND kind = 'chat' AND agent_id = ANY($1::text[]) GROUP BY agent_id`;
  }

  /** One statement for all of them (a site's whole team), taken in id order. */
  async #lockAgents(client: PoolClient, agentIds: string[]): Promise<void> {
    const keys = [...new Set(agentIds)].sort().map((id) => `parley:${this.s}:agent:${id}`);
    // Volatile calls in the select list run after ORDER BY, so the locks are taken in order.
    await client.query(
      `SELECT pg_advisory_xact_lock(hashtextextended(key, 0))
        FROM unnest($1::text[]) WITH ORDINALITY AS wanted(key, position) ORDER BY position`,
      [keys],
    );
  }

  async #lockConversation(client: PoolClient, id: string): Promise<Conversation> {
    const rows = await client.query<ConversationRow>(
      `SELECT * FROM ${this.s}.conversations WHERE id = $1 FOR UPDATE`,
      [id],
    );
    if (!rows.rows[0]) throw new ParleyError('NOT_FOUND', `no conversation ${id}`);
    return toConversation(rows.rows[0]);
  }

  async #write(client: PoolClient, id: string, patch: ConversationPatch): Promise<Conversation> {
    const set = conversationAssignments(cleanPatch(patch), 2);
    if (set.assignments.length === 0) return this.#lockConversation(client, id);
    const rows = await client.query<ConversationRow>(
      `UPDATE ${this.s}.conversations SET ${set.assignments} WHERE id = $1 RETURNING *`,
      [id, ...set.params],
    );
    return toConversation(rows.rows[0]!);
  }

  async #assign(
    client: PoolClient,
    conversationId: string,
    agentId: string,
    patch: ConversationPatch,
    at: string,
  ): Promise<Conversation> {
    const conversation = await this.#write(client, conversationId, patch);
    await client.query(`UPDATE ${this.s}.agents SET last_assigned_at = $2 WHERE id = $1`, [
      agentId,
      at,
    ]);
    return conversation;
  }

  async #agents(
    client: PoolClient,
    ids: string[],
  ): Promise<Map<string, { agent: AgentRecord; lastAssignedAt: string | null }>> {
    const rows = await client.query<{ data: AgentRecord; last_assigned_at: Date | null }>(
      `SELECT data, last_assigned_at FROM ${this.s}.agents WHERE id = ANY($1::text[])`,
      [ids],
    );
    return new Map(
      rows.rows.map((row) => [
        row.data.id,
        { agent: row.data, lastAssignedAt: row.last_assigned_at?.toISOString() ?? null },
      ]),
    );
  }

  async #activeCounts(client: PoolClient, ids: string[]): Promise<Map<string, number>> {
    const rows = await client.query<{ agent_id: string; active: string }>(this.#activeCountSql, [
      ids,
    ]);
    return countsOf(ids, rows.rows);
  }
}

function countsOf(
  ids: string[],
  rows: { agent_id: string; active: string }[],
): Map<string, number> {
  const counts = new Map(ids.map((id) => [id, 0]));
  for (const row of rows) counts.set(row.agent_id, Number(row.active));
  return counts;
}
