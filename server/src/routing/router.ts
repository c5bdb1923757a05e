/**
 * Who gets which chat. Combines shared presence (who is connected, on any relay) with the
 * store's atomic assignments (who has room); announces nothing itself: it returns what changed
 * and the conversation service tells everyone.
 */
import { ParleyError, type Conversation, type Site } from '@parley/shared';
import type { AgentPresence } from '../presence/agent-presence';
import type { AgentRecord, RoutingCandidate, Store } from '../storage/store';
import { isWithinBusinessHours } from './business-hours';

export class Router {
  constructor(
    private readonly store: Store,
    private readonly presence: AgentPresence,
    private readonly now: () => number,
  ) {}

  /** Agents serving a site. */
  async agentsOf(siteId: string): Promise<AgentRecord[]> {
    return (await this.store.listAgents()).filter((agent) => agent.siteIds.includes(siteId));
  }

  /** True when the site is within business hours and an online agent is connected anywhere. */
  async isAvailable(site: Site): Promise<boolean> {
    if (!isWithinBusinessHours(site.widget.businessHours, new Date(this.now()))) return false;
    const online = (await this.agentsOf(site.id)).filter((agent) => agent.status === 'online');
    const connected = await this.presence.connected(online.map((agent) => agent.id));
    return connected.size > 0;
  }

  /**
   * Hands out a site's waiting chats, first in first out, while a connected agent has room.
   * Safe to run on several relays at once: each assignment is one atomic store operation.
   */
  async drain(siteId: string): Promise<Conversation[]> {
    const assigned: Conversation[] = [];
    const candidates = await this.#candidates(siteId);
    if (candidates.length === 0) return assigned;
    for (;;) {
      const next = await this.store.assignNextQueued(siteId, candidates, this.#at());
      if (!next) return assigned;
      assigned.push(next);
    }
  }

  /** An agent takes a waiting chat by hand; within their capacity unless they confirmed going past it. */
  take(conversationId: string, agentId: string, overCapacity = false): Promise<Conversation> {
    return this.store.assignConversation(conversationId, agentId, {
      mode: 'take',
      at: this.#at(),
      requireOnline: false,
      overCapacity,
    });
  }

  /** Hands a conversation to a colleague who is online, connected and has room. */
  async transfer(
    conversationId: string,
    agentId: string,
    agentName: string,
  ): Promise<Conversation> {
    if (!(await this.presence.connected([agentId])).has(agentId)) {
      throw new ParleyError('AGENT_UNAVAILABLE', `${agentName} is not connected`);
    }
    return this.store.assignConversation(conversationId, agentId, {
      mode: 'transfer',
      at: this.#at(),
      requireOnline: true,
    });
  }

  async #candidates(siteId: string): Promise<RoutingCandidate[]> {
    const online = (await this.agentsOf(siteId)).filter((agent) => agent.status === 'online');
    const connected = await this.presence.connected(online.map((agent) => agent.id));
    return [...connected].map(([agentId, connectedSince]) => ({ agentId, connectedSince }));
  }

  #at(): string {
    return new Date(this.now()).toISOString();
  }
}
