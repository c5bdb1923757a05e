/**
 * The steps every action is built from: each asks the store to decide (atomically), then tells
 * both sides what changed. No state of its own: every relay process runs the same steps on the
 * same store, so it does not matter which one a visitor or an agent is connected to.
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
  type SystemEvent,
} from '@parley/shared';
import { englishSystemLine } from './system-line';
import type { AgentRecord, AppendOptions, AppendResult, ConversationPatch } from '../storage/store';
import {
  closing,
  followingUp,
  requeueing,
  seeing,
  type AssignMode,
} from '../storage/conversation-transitions';
import { sharesASite } from '../auth/account-rules';
import { publicAgent } from '../auth/public-agent';
import type { Metrics } from '../ops/metrics';
import type { Publisher } from '../realtime/publisher';
import type { Router } from '../routing/router';
import type { Store } from '../storage/store';

/** What the steps use: the store decides, the router picks, the publisher tells. */
export interface ConversationServiceDeps {
  store: Store;
  router: Router;
  publish: Publisher;
  metrics: Metrics;
  now: () => number;
}

type Deps = ConversationServiceDeps;

/** More active chats than any agent can hold (capacity is at most 100), taken beyond it or not. */
const MAX_CAPACITY_SCAN = 1000;

export class ConversationService {
  constructor(private readonly deps: Deps) {}

  /** ISO timestamp of the relay's clock. */
  timestamp(): string {
    return new Date(this.deps.now()).toISOString();
  }

  async requireSite(siteId: string): Promise<Site> {
    const site = await this.deps.store.getSite(siteId);
    if (!site) throw new ParleyError('NOT_FOUND', 'No such site');
    return site;
  }

  /** A site whose chat visitors may use: an owner can turn it off (`widget.enabled`). */
  async requireChatSite(siteId: string): Promise<Site> {
    const site = await this.requireSite(siteId);
    if (site.widget.enabled === false)
      throw new ParleyError('NOT_FOUND', 'The chat is turned off on this site');
    return site;
  }

  async requireConversation(id: string): Promise<Conversation> {
    const conversation = await this.deps.store.getConversation(id);
    if (!conversation) throw new ParleyError('NOT_FOUND', 'No such conversation');
    return conversation;
  }

  /** A conversation as the visitor may see it; `queue` saves a lookup when already known. */
  async visitorView(
    conversation: Conversation,
    /** What the caller has read already (announcing the queue: one read for every visitor). */
    known: { queue?: Conversation[]; site?: Site | null } = {},
  ): Promise<VisitorConversation> {
    const { store } = this.deps;
    const { queue } = known;
    const [agent, site] = await Promise.all([
      conversation.agentId ? store.getAgent(conversation.agentId) : null,
      known.site !== undefined ? known.site : store.getSite(conversation.siteId),
    ]);
    let queuePosition: number | null = null;
    if (conversation.status === 'queued' && conversation.kind === 'chat') {
      const line = queue ?? (await store.listQueue(conversation.siteId));
      const index = line.findIndex((c) => c.id === conversation.id);
      queuePosition = index === -1 ? null : index + 1;
    }
    return {
      id: conversation.id,
      kind: conversation.kind,
      status: conversation.status,
      agent: agent ? { name: agent.name, status: agent.status } : null,
      queuePosition,
      lastSeq: conversation.lastSeq,
      seen: conversation.seen,
      closedBy: conversation.closedBy,
      rating: conversation.rating,
      ask: site?.widget.rating ?? { csat: true, nps: false },
    };
  }

  /** Announces a conversation's state to the site's agents and, for a live chat, the visitor. */
  async publish(conversation: Conversation): Promise<void> {
    const visitor = await this.deps.store.getVisitor(conversation.visitorId);
    const view = conversation.kind === 'chat' ? await this.visitorView(conversation) : null;
    this.deps.publish.conversation(conversation, visitor, view);
  }

  /** Changes fields that need no rule (tags) and announces the result. */
  async update(id: string, patch: ConversationPatch): Promise<Conversation> {
    const { conversation } = await this.deps.store.changeConversation(id, () => patch);
    await this.publish(conversation);
    return conversation;
  }

  /** Stores a message and announces it: notes to agents only, everything else to both sides. */
  async postMessage(
    message: Omit<Message, 'seq' | 'id' | 'createdAt'>,
    options?: AppendOptions,
  ): Promise<AppendResult> {
    const result = await this.deps.store.appendMessage(
      { ...message, id: randomUUID(), createdAt: this.timestamp() },
      options,
    );
    if (result.duplicate) return result;
    this.deps.publish.message(result.conversation, result.message);
    this.deps.metrics.messages.inc({ author: result.message.author });
    return result;
  }

  /**
   * Writes a relay line ("Ana joined") into the transcript: as data for clients to word in their
   * own language, and in English for the text transcript and older clients.
   */
  async postSystemMessage(conversationId: string, event: SystemEvent): Promise<void> {
    await this.postMessage({
      conversationId,
      clientId: `system-${randomUUID()}`,
      author: 'system',
      agentId: null,
      authorName: null,
      internal: false,
      text: englishSystemLine(event),
      event,
    });
  }

  /** Records that one side has seen everything up to `seq`, and tells both sides. */
  async markSeen(conversationId: string, side: 'visitor' | 'agent', seq: number): Promise<void> {
    const { conversation, changed } = await this.deps.store.changeConversation(
      conversationId,
      seeing(side, seq),
    );
    if (!changed) return;
    this.deps.publish.seen(conversation, {
      conversationId,
      author: side,
      seq: conversation.seen[side],
    });
  }

  /** Hands out a site's queue as far as agents have room, then tells the rest their place. */
  async drain(siteId: string): Promise<void> {
    for (const conversation of await this.deps.router.drain(siteId))
      await this.#announceAssignment(conversation, 'auto');
    await this.announceQueue(siteId);
  }

  /** An agent takes a waiting chat by hand (past capacity only when they confirmed it). */
  async take(
    conversationId: string,
    agent: AgentRecord,
    overCapacity = false,
  ): Promise<Conversation> {
    const taken = await this.deps.router.take(conversationId, agent.id, overCapacity);
    await this.#announceAssignment(taken, 'take');
    await this.announceQueue(taken.siteId);
    return taken;
  }

  /** Hands a conversation to a colleague; the previous agent's freed slot lets the queue move. */
  async transfer(conversationId: string, target: AgentRecord): Promise<Conversation> {
    const transferred = await this.deps.router.transfer(conversationId, target.id, target.name);
    await this.#announceAssignment(transferred, 'transfer');
    await this.drain(transferred.siteId);
    return transferred;
  }

  /** Closes a conversation (once), frees the agent's slot and lets the queue move. */
  async close(conversationId: string, closedBy: ClosedBy): Promise<Conversation> {
    const { conversation } = await this.deps.store.changeConversation(
      conversationId,
      closing(closedBy, this.timestamp()),
    );
    await this.publish(conversation);
    this.deps.publish.closed(conversation);
    this.deps.metrics.conversationsClosed.inc({ closed_by: closedBy });
    await this.drain(conversation.siteId);
    return conversation;
  }

  /** Reopens a missed chat for the agent who answers it; the answer then reaches the visitor. */
  async followUp(conversationId: string, agent: AgentRecord): Promise<Conversation> {
    const { conversation } = await this.deps.store.changeConversation(
      conversationId,
      followingUp(agent.id, this.timestamp()),
    );
    await this.publish(conversation);
    return conversation;
  }

  /** An agent stayed away past the grace period: offline, and their chats back to the queue. */
  async requeueChatsOf(agentId: string): Promise<void> {
    const { store } = this.deps;
    const agent = await store.getAgent(agentId);
    if (!agent) return;
    if (agent.status !== 'offline') await this.setAgentStatus(agent, 'offline');
    const sites = new Set<string>();
    for (const held of (await store.listConversations({ agentId, status: 'active', limit: 10_000 }))
      .items) {
      const head = (await store.listQueue(held.siteId))[0];
      const { conversation, changed } = await store.changeConversation(
        held.id,
        requeueing(agentId, head?.queuedAt ?? null),
      );
      if (!changed) continue;
      await this.publish(conversation);
      sites.add(conversation.siteId);
    }
    for (const siteId of sites) await this.drain(siteId);
  }

  /**
   * Removes an agent's account: out of routing and signed out everywhere first (no sites, offline,
   * tokens revoked, consoles closed by `endSessions`), their chats back to the queue, then the
   * record deleted. Messages keep the agent's id and name, so transcripts read as before.
   */
  async removeAgent(
    agentId: string,
    endSessions: (agentId: string) => Promise<void>,
  ): Promise<void> {
    const { store } = this.deps;
    const before = await store.getAgent(agentId);
    if (!before) throw new ParleyError('NOT_FOUND', 'No such agent');
    await store.patchAgent(agentId, { siteIds: [], revokeTokens: true });
    await endSessions(agentId);
    await this.requeueChatsOf(agentId);
    await store.deleteAgent(agentId);
    const colleagues = (await store.listAgents()).filter((other) => sharesASite(before, other));
    this.deps.publish.agentGone(
      agentId,
      colleagues.map((other) => other.id),
    );
    for (const siteId of before.siteIds) await this.announceAvailability(siteId);
  }

  /** Changes an agent's status and lets everyone who cares know. */
  async setAgentStatus(agent: AgentRecord, status: Agent['status']): Promise<Agent> {
    const updated =
      agent.status === status
        ? agent
        : await this.deps.store.patchAgent(agent.id, { status }, this.timestamp());
    await this.agentChanged(updated);
    // Not on every console (re)connect that leaves the status as it was.
    if (updated.status !== agent.status) await this.tellVisitorsOf(updated);
    return publicAgent(updated);
  }

  /**
   * After any change of an agent: consoles, visitors' availability, and the queues they serve.
   * `previousSiteIds` are the sites before the change: colleagues of a site the agent left are
   * told the agent is gone from their view.
   */
  async agentChanged(agent: AgentRecord, previousSiteIds: string[] = agent.siteIds): Promise<void> {
    const everyone = await this.deps.store.listAgents();
    const viewers = everyone.filter((other) => other.id === agent.id || sharesASite(agent, other));
    this.deps.publish.agent(agent, viewers);
    const before = { ...agent, siteIds: previousSiteIds };
    const leftBehind = everyone.filter(
      (other) => other.id !== agent.id && sharesASite(before, other) && !sharesASite(agent, other),
    );
    this.deps.publish.agentGone(
      agent.id,
      leftBehind.map((other) => other.id),
    );
    for (const siteId of new Set([...agent.siteIds, ...previousSiteIds])) {
      await this.announceAvailability(siteId);
      if (agent.status === 'online') await this.drain(siteId);
    }
  }

  /**
   * The visitors this agent is talking to see the agent's new status or name at once: an agent
   * who stepped away is not shown to them as online.
   */
  async tellVisitorsOf(agent: AgentRecord): Promise<void> {
    const { items } = await this.deps.store.listConversations({
      agentId: agent.id,
      status: 'active',
      limit: MAX_CAPACITY_SCAN,
    });
    for (const conversation of items) {
      this.deps.publish.visitorConversation(
        conversation.visitorId,
        await this.visitorView(conversation),
      );
    }
  }

  /** Sends each waiting visitor of a site their current place in line. */
  async announceQueue(siteId: string): Promise<void> {
    const [queue, site] = await Promise.all([
      this.deps.store.listQueue(siteId),
      this.deps.store.getSite(siteId),
    ]);
    this.deps.metrics.queueLength.set({ site: siteId }, queue.length);
    for (const conversation of queue)
      this.deps.publish.visitorConversation(
        conversation.visitorId,
        await this.visitorView(conversation, { queue, site }),
      );
  }

  /** Tells the site's visitors whether someone is there to answer. */
  async announceAvailability(siteId: string): Promise<void> {
    const site = await this.deps.store.getSite(siteId);
    if (site) this.deps.publish.availability(siteId, await this.deps.router.isAvailable(site));
  }

  async #announceAssignment(conversation: Conversation, how: AssignMode): Promise<void> {
    await this.publish(conversation);
    if (how !== 'transfer' && conversation.queuedAt && conversation.assignedAt) {
      const waited =
        (Date.parse(conversation.assignedAt) - Date.parse(conversation.queuedAt)) / 1000;
      this.deps.metrics.timeToAssignment.observe({ how }, Math.max(0, waited));
    }
    const agent = conversation.agentId
      ? await this.deps.store.getAgent(conversation.agentId)
      : null;
    const agentName = agent?.name ?? null;
    await this.postSystemMessage(
      conversation.id,
      how === 'transfer' ? { kind: 'transferred', agentName } : { kind: 'agent-joined', agentName },
    );
  }
}
