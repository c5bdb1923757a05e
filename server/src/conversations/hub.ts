/**
 * The relay's shared state and the steps every action is built from: publishing a conversation to
 * both sides, routing a site's queue, closing. Visitor and agent actions live in their own files.
 */
import { randomUUID } from 'node:crypto';
import {
  ParleyError,
  type Agent,
  type ClosedBy,
  type Conversation,
  type Message,
  type Site,
  type VisitorConversation,
} from '@parley/shared';
import type { Logger } from '../logger';
import type { Mailer } from '../mail/mailer';
import type { Metrics } from '../ops/metrics';
import { AgentPresence } from '../routing/agent-presence';
import { isWithinBusinessHours } from '../routing/business-hours';
import { KeyedLock } from '../routing/keyed-lock';
import { pickAgent } from '../routing/pick-agent';
import type { AgentRecord, ConversationPatch, Store } from '../storage/store';
import type { Broadcaster } from './broadcaster';
import { OpenConversations } from './open-conversations';
import { requeueChatsOf } from '../routing/requeue-departed-agent';

/** What the hub needs from the outside. */
export interface HubDeps {
  store: Store;
  mailer: Mailer;
  metrics: Metrics;
  logger: Logger;
  /** Epoch ms; tests move it forward to expire inactivity timeouts. */
  now: () => number;
  /** How long a disconnected agent keeps their chats. */
  agentGraceMs: number;
}

/** Strips the password hash off an agent record. */
export function publicAgent({ passwordHash: _hash, ...agent }: AgentRecord): Agent {
  return agent;
}

export class Hub {
  readonly open = new OpenConversations();
  readonly locks = new KeyedLock();
  readonly presence: AgentPresence;
  broadcaster: Broadcaster | null = null;

  constructor(readonly deps: HubDeps) {
    this.presence = new AgentPresence(
      deps.agentGraceMs,
      (id) => void requeueChatsOf(this, id),
      deps.now,
    );
  }

  get store(): Store {
    return this.deps.store;
  }

  get broadcast(): Broadcaster {
    if (!this.broadcaster) throw new Error('Hub used before its broadcaster was attached');
    return this.broadcaster;
  }

  /** ISO timestamp of the hub's clock. */
  timestamp(): string {
    return new Date(this.deps.now()).toISOString();
  }

  /** Loads open conversations; agents holding chats get a grace period to reconnect. */
  async start(): Promise<void> {
    for (const conversation of await this.store.listOpenConversations())
      this.open.put(conversation);
    for (const conversation of this.open.all()) {
      if (conversation.status === 'active' && conversation.agentId)
        this.presence.startGrace(conversation.agentId);
    }
    for (const site of await this.store.listSites()) this.updateQueueMetric(site.id);
  }

  /** Stops timers. */
  stop(): void {
    this.presence.stop();
  }

  async requireSite(siteId: string): Promise<Site> {
    const site = await this.store.getSite(siteId);
    if (!site) throw new ParleyError('NOT_FOUND', 'No such site');
    return site;
  }

  /** An open conversation, or the stored one; NOT_FOUND when unknown. */
  async requireConversation(id: string): Promise<Conversation> {
    const conversation = this.open.get(id) ?? (await this.store.getConversation(id));
    if (!conversation) throw new ParleyError('NOT_FOUND', 'No such conversation');
    return conversation;
  }

  /** Applies a patch, keeps the in-memory view current and announces the result. */
  async updateConversation(id: string, patch: ConversationPatch): Promise<Conversation> {
    const conversation = await this.store.updateConversation(id, patch);
    this.open.put(conversation);
    await this.publish(conversation);
    return conversation;
  }

  /** Announces a conversation's state to the site's agents and to the visitor. */
  async publish(conversation: Conversation): Promise<void> {
    const visitor = await this.store.getVisitor(conversation.visitorId);
    if (visitor)
      this.broadcast.toSiteAgents(conversation.siteId, 'conversation:updated', {
        conversation,
        visitor,
      });
    if (conversation.kind === 'chat') {
      this.broadcast.toVisitor(conversation.visitorId, 'conversation:updated', {
        conversation: await this.visitorView(conversation),
      });
    }
  }

  /** A conversation as the visitor may see it. */
  async visitorView(conversation: Conversation): Promise<VisitorConversation> {
    const agent = conversation.agentId ? await this.store.getAgent(conversation.agentId) : null;
    const site = await this.store.getSite(conversation.siteId);
    return {
      id: conversation.id,
      kind: conversation.kind,
      status: conversation.status,
      agent: agent ? { name: agent.name, status: agent.status } : null,
      queuePosition: this.open.queuePosition(conversation),
      lastSeq: conversation.lastSeq,
      seen: conversation.seen,
      closedBy: conversation.closedBy,
      rating: conversation.rating,
      ask: site?.widget.rating ?? { csat: true, nps: false },
    };
  }

  /** Stores a message and announces it: notes to agents only, everything else to both sides. */
  async postMessage(
    message: Omit<Message, 'seq' | 'id' | 'createdAt'>,
  ): Promise<{ message: Message; duplicate: boolean }> {
    const result = await this.store.appendMessage({
      ...message,
      id: randomUUID(),
      createdAt: this.timestamp(),
    });
    if (result.duplicate) return result;
    const stored = result.message;
    const open = this.open.get(stored.conversationId);
    if (open) this.open.put({ ...open, lastSeq: stored.seq, lastMessageAt: stored.createdAt });
    // A note on a closed conversation is not in memory; the store has it.
    const { siteId, visitorId } = open ?? (await this.requireConversation(stored.conversationId));
    this.broadcast.toSiteAgents(siteId, 'message:created', { message: stored });
    if (!stored.internal)
      this.broadcast.toVisitor(visitorId, 'message:created', { message: stored });
    this.deps.metrics.messages.inc({ author: stored.author });
    return result;
  }

  /** Records that one side has seen everything up to `seq`, and tells both sides. */
  async markSeen(
    conversation: Conversation,
    side: 'visitor' | 'agent',
    seq: number,
  ): Promise<void> {
    const upTo = Math.min(seq, conversation.lastSeq);
    if (upTo <= conversation.seen[side]) return;
    const updated = await this.store.updateConversation(conversation.id, {
      seen: { ...conversation.seen, [side]: upTo },
    });
    this.open.put(updated);
    const event = { conversationId: conversation.id, author: side, seq: upTo };
    this.broadcast.toSiteAgents(conversation.siteId, 'seen:changed', event);
    this.broadcast.toVisitor(conversation.visitorId, 'seen:changed', event);
  }

  /** Writes a relay line ("Ana joined") into the transcript. */
  async postSystemMessage(conversationId: string, text: string): Promise<void> {
    await this.postMessage({
      conversationId,
      clientId: `system-${randomUUID()}`,
      author: 'system',
      agentId: null,
      authorName: null,
      internal: false,
      text,
    });
  }

  /** True when the site has an online, connected agent and is within business hours. */
  async isAvailable(site: Site): Promise<boolean> {
    if (!isWithinBusinessHours(site.widget.businessHours, new Date(this.deps.now()))) return false;
    const agents = await this.agentsOf(site.id);
    return agents.some((agent) => agent.status === 'online' && this.presence.isConnected(agent.id));
  }

  /** Tells the site's visitors whether someone is there to answer. */
  async announceAvailability(siteId: string): Promise<void> {
    const site = await this.store.getSite(siteId);
    if (!site) return;
    this.broadcast.toSiteVisitors(siteId, 'presence:changed', {
      available: await this.isAvailable(site),
      agent: null,
    });
  }

  /** Agents serving a site. */
  async agentsOf(siteId: string): Promise<AgentRecord[]> {
    return (await this.store.listAgents()).filter((agent) => agent.siteIds.includes(siteId));
  }

  /**
   * Drains a site's queue, first in first out, while someone has room. Runs under the site's lock so
   * two drains never hand the same agent more than their capacity.
   */
  routeSite(siteId: string): Promise<void> {
    return this.locks.run(`route:${siteId}`, async () => {
      const queue = this.open.queueOf(siteId);
      if (queue.length === 0) return;
      const agents = (await this.agentsOf(siteId)).filter(
        (agent) => agent.status === 'online' && this.presence.isConnected(agent.id),
      );
      for (const conversation of queue) {
        const agentId = pickAgent(
          agents.map((agent) => ({
            agentId: agent.id,
            activeChats: this.open.activeChatsOf(agent.id).length,
            capacity: agent.capacity,
            idleSince: this.presence.idleSince(agent.id),
          })),
        );
        if (!agentId) break;
        try {
          await this.assign(conversation.id, agentId, 'auto');
        } catch (error) {
          // Taken by hand or closed since the queue was read: move on to the next in line.
          if (!(error instanceof ParleyError)) throw error;
        }
      }
      await this.announceQueue(siteId);
    });
  }

  /** Gives a conversation to an agent and tells everyone, including the rest of the queue. */
  async assign(
    conversationId: string,
    agentId: string,
    how: 'auto' | 'take' | 'transfer',
  ): Promise<Conversation> {
    return this.locks.run(`conversation:${conversationId}`, async () => {
      const before = await this.requireConversation(conversationId);
      if (before.status === 'closed')
        throw new ParleyError('CONFLICT', 'The conversation is closed');
      if (how !== 'transfer' && before.status !== 'queued') {
        throw new ParleyError('CONFLICT', 'Someone else already took this conversation');
      }
      const agent = await this.store.getAgent(agentId);
      if (!agent) throw new ParleyError('NOT_FOUND', 'No such agent');
      const assignedAt = this.timestamp();
      const conversation = await this.updateConversation(conversationId, {
        status: 'active',
        agentId,
        assignedAt,
      });
      this.presence.markAssigned(agentId);
      if (before.status === 'queued' && before.queuedAt && before.kind === 'chat') {
        const waited = (Date.parse(assignedAt) - Date.parse(before.queuedAt)) / 1000;
        this.deps.metrics.timeToAssignment.observe({ how }, Math.max(0, waited));
      }
      await this.postSystemMessage(
        conversationId,
        how === 'transfer'
          ? `Transferred to ${agent.name}`
          : `${agent.name} joined the conversation`,
      );
      return conversation;
    });
  }

  /** Sends each waiting visitor of a site their current place in line. */
  async announceQueue(siteId: string): Promise<void> {
    this.updateQueueMetric(siteId);
    for (const conversation of this.open.queueOf(siteId)) {
      this.broadcast.toVisitor(conversation.visitorId, 'conversation:updated', {
        conversation: await this.visitorView(conversation),
      });
    }
  }

  /** Closes a conversation, frees the agent's slot and lets the queue move. */
  async close(conversationId: string, closedBy: ClosedBy): Promise<Conversation> {
    const conversation = await this.locks.run(`conversation:${conversationId}`, async () => {
      const before = await this.requireConversation(conversationId);
      if (before.status === 'closed')
        throw new ParleyError('CONFLICT', 'The conversation is already closed');
      const closed = await this.updateConversation(conversationId, {
        status: 'closed',
        closedAt: this.timestamp(),
        closedBy,
      });
      this.broadcast.toVisitor(closed.visitorId, 'conversation:closed', {
        conversationId,
        closedBy,
      });
      this.deps.metrics.conversationsClosed.inc({ closed_by: closedBy });
      return closed;
    });
    await this.routeSite(conversation.siteId);
    return conversation;
  }

  /** Keeps the queue-length gauge current. */
  updateQueueMetric(siteId: string): void {
    this.deps.metrics.queueLength.set({ site: siteId }, this.open.queueOf(siteId).length);
  }
}
