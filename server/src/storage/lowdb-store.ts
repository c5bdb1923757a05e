/**
 * The embedded store: all data in memory, every mutation appended to an fsync'ed journal, and the
 * whole state written to db.json (through lowdb) only when a journal grows past a threshold and on
 * close. Storing a message therefore costs one journal line, however much is stored.
 */
import { ParleyError } from '@parley/shared';
import type { AuditEntry, CannedReply, Conversation, Message, Site, Visitor } from '@parley/shared';
import {
  byCreationAscending,
  sortByActivity,
  compareCodeUnits,
  matchesFilter,
  pageOf,
  messageMatches,
  searchNeedleOf,
  visitorMatches,
} from './conversation-filter';
import { cleanPatch } from './conversation-patch';
import { assigning, type ConversationDecision } from './conversation-transitions';
import { assertRoomFor, chooseAgent } from './capacity';
import { isDue, settled } from './outbox-rules';
import { applyAgentPatch, applyVisitorPatch } from './record-patches';
import { DiskFileStore } from '../files/disk-file-store';
import { KeyedLock } from '../routing/keyed-lock';
import { JournaledState, type CompactionOptions } from './journaled-state';
import type { MemoryState } from './memory-state';
import { reportFromMemory } from './lowdb-report';
import type {
  AgentPatch,
  AgentRecord,
  AppendOptions,
  AppendResult,
  AssignOptions,
  AuditFilter,
  ChangedConversation,
  ConversationFilter,
  ConversationPatch,
  MailOutcome,
  NewMessage,
  OutboxMail,
  RoutingCandidate,
  StartedChat,
  Store,
  StoreHealth,
  VisitorPatch,
} from './store';
import type { ReportAggregates, ReportScope } from '../reports/report-aggregates';

/** Tuning of {@link LowdbStore}: when its journal is compacted into db.json. */
export type LowdbStoreOptions = CompactionOptions;

/**
 * A copy of what a caller hands in to be stored: the store freezes what it keeps (see
 * deep-freeze.ts) and must not freeze the caller's object. Reads return the frozen records as
 * they are, without a copy.
 */
const ownCopy = <T>(value: T): T => structuredClone(value);

/**
 * The lowdb-backed {@link Store}; one process per data directory (a lock on the directory makes
 * sure). Atomic operations read, decide and apply in memory without awaiting in between, so in
 * this single process nothing can come between them; durability is awaited afterwards.
 */
export class LowdbStore implements Store {
  readonly #data: JournaledState;
  readonly #exclusive = new KeyedLock();
  /** Leases live in memory: with one process per data directory, this process is the cluster. */
  readonly #leases = new Map<string, { holder: string; expiresAt: number }>();

  readonly files: DiskFileStore;

  /** `dataDir` holds db.json and its journals (and files/); it is created when missing. */
  constructor(dataDir: string, options: LowdbStoreOptions = {}) {
    this.#data = new JournaledState(dataDir, options);
    this.files = new DiskFileStore(dataDir);
  }

  get #state(): MemoryState {
    return this.#data.state;
  }

  async init(): Promise<void> {
    await this.#data.load();
    await this.files.init();
  }

  async close(): Promise<void> {
    await this.#data.close();
  }

  async health(): Promise<StoreHealth> {
    const failure = this.#data.failure;
    return failure === null ? { ok: true } : { ok: false, reason: failure };
  }

  /** Resolves when no background compaction is running; rejects with the last one's failure. */
  whenIdle(): Promise<void> {
    return this.#data.whenIdle();
  }

  async createSite(site: Site): Promise<Site> {
    if (this.#state.sites.has(site.id)) throw new ParleyError('CONFLICT', `site ${site.id} exists`);
    const stored = ownCopy(site);
    await this.#data.commit({ op: 'site', site: stored });
    return stored;
  }

  async getSite(id: string): Promise<Site | null> {
    return this.#state.sites.get(id) ?? null;
  }

  async listSites(): Promise<Site[]> {
    return sortByCreation([...this.#state.sites.values()]);
  }

  async updateSite(site: Site): Promise<Site> {
    if (!this.#state.sites.has(site.id)) throw new ParleyError('NOT_FOUND', `no site ${site.id}`);
    const stored = ownCopy(site);
    await this.#data.commit({ op: 'site', site: stored });
    return stored;
  }

  async createAgent(agent: AgentRecord): Promise<AgentRecord> {
    if (this.#state.agents.has(agent.id))
      throw new ParleyError('CONFLICT', `agent ${agent.id} exists`);
    this.#assertEmailFree(agent);
    const stored = ownCopy(agent);
    await this.#data.commit({ op: 'agent', agent: stored });
    return stored;
  }

  async getAgent(id: string): Promise<AgentRecord | null> {
    return this.#state.agents.get(id) ?? null;
  }

  async getAgentByEmail(email: string): Promise<AgentRecord | null> {
    const id = this.#state.agentIdByEmail.get(email.toLowerCase());
    return (id !== undefined && this.#state.agents.get(id)) || null;
  }

  async listAgents(): Promise<AgentRecord[]> {
    return sortByCreation([...this.#state.agents.values()]);
  }

  async updateAgent(agent: AgentRecord): Promise<AgentRecord> {
    if (!this.#state.agents.has(agent.id))
      throw new ParleyError('NOT_FOUND', `no agent ${agent.id}`);
    this.#assertEmailFree(agent);
    const stored = ownCopy(agent);
    await this.#data.commit({ op: 'agent', agent: stored });
    return stored;
  }

  async reportAggregates(scope: ReportScope): Promise<ReportAggregates> {
    return reportFromMemory(this.#state, scope);
  }

  async patchAgent(id: string, patch: AgentPatch, at?: string): Promise<AgentRecord> {
    const current = this.#state.agents.get(id);
    if (!current) throw new ParleyError('NOT_FOUND', `no agent ${id}`);
    const updated = applyAgentPatch(current, patch);
    this.#assertEmailFree(updated);
    const statusChanged = updated.status !== current.status;
    await this.#data.commit({
      op: 'agent',
      agent: updated,
      ...(statusChanged ? { statusAt: at ?? new Date().toISOString() } : {}),
    });
    return updated;
  }

  async deleteAgent(id: string): Promise<void> {
    if (!this.#state.agents.has(id)) throw new ParleyError('NOT_FOUND', `no agent ${id}`);
    await this.#data.commit({ op: 'agent-delete', id });
  }

  async updateVisitor(initial: Visitor, patch: VisitorPatch): Promise<Visitor> {
    const current = this.#state.visitors.get(initial.id) ?? ownCopy(initial);
    const updated = applyVisitorPatch(current, patch);
    await this.#data.commit({ op: 'visitor', visitor: updated });
    return updated;
  }

  async saveVisitor(visitor: Visitor): Promise<Visitor> {
    const stored = ownCopy(visitor);
    await this.#data.commit({ op: 'visitor', visitor: stored });
    return stored;
  }

  async getVisitor(id: string): Promise<Visitor | null> {
    return this.#state.visitors.get(id) ?? null;
  }

  async eraseVisitor(id: string): Promise<string[]> {
    const conversationIds = [...this.#state.conversations.values()]
      .filter((conversation) => conversation.visitorId === id)
      .map((conversation) => conversation.id);
    await this.#data.commitAndCompact({ op: 'purge', visitorId: id, conversationIds });
    // The record is the store's now (frozen); the caller gets a list of its own.
    return [...conversationIds];
  }

  async deleteClosedConversations(siteId: string, before: string): Promise<string[]> {
    const cutoff = Date.parse(before);
    const conversationIds = [...this.#state.conversations.values()]
      .filter(
        (c) =>
          c.siteId === siteId &&
          c.status === 'closed' &&
          c.closedAt !== null &&
          Date.parse(c.closedAt) < cutoff,
      )
      .map((conversation) => conversation.id);
    if (conversationIds.length > 0)
      await this.#data.commitAndCompact({ op: 'purge', conversationIds });
    return [...conversationIds];
  }

  async createConversation(conversation: Conversation): Promise<Conversation> {
    if (this.#state.conversations.has(conversation.id)) {
      throw new ParleyError('CONFLICT', `conversation ${conversation.id} exists`);
    }
    if (this.#opensSecondChat(conversation))
      throw new ParleyError('CONFLICT', `visitor ${conversation.visitorId} has an open chat`);
    const stored = ownCopy(conversation);
    await this.#data.commit({ op: 'conversation', conversation: stored });
    return stored;
  }

  async getConversation(id: string): Promise<Conversation | null> {
    return this.#state.conversations.get(id) ?? null;
  }

  async updateConversation(id: string, patch: ConversationPatch): Promise<Conversation> {
    const current = this.#state.conversations.get(id);
    if (!current) throw new ParleyError('NOT_FOUND', `no conversation ${id}`);
    const updated: Conversation = { ...current, ...cleanPatch(patch) };
    await this.#data.commit({ op: 'conversation', conversation: updated });
    return updated;
  }

  async listConversations(
    filter: ConversationFilter,
  ): Promise<{ items: Conversation[]; total: number }> {
    const { limit, offset } = pageOf(filter);
    const needle = searchNeedleOf(filter);
    const matched = this.#candidates(filter).filter(
      (conversation) =>
        matchesFilter(conversation, filter) &&
        (needle === null || this.#mentions(conversation, needle)),
    );
    sortByActivity(matched);
    return { items: matched.slice(offset, offset + limit), total: matched.length };
  }

  /** The conversations a filter can match at all, from an index where it names one. */
  #candidates(filter: ConversationFilter): Conversation[] {
    const { conversations } = this.#state;
    if (filter.visitorId !== undefined) {
      const starts = this.#state.conversationStartsByVisitor.get(filter.visitorId) ?? [];
      return starts.map(([id]) => conversations.get(id)!);
    }
    if (filter.agentId !== undefined && filter.status === 'active') {
      const ids = this.#state.activeChatIdsByAgent.get(filter.agentId) ?? [];
      return [...ids].map((id) => conversations.get(id)!);
    }
    return [...conversations.values()];
  }

  async listOpenConversations(): Promise<Conversation[]> {
    return this.#state.openConversations().sort(byCreationAscending);
  }

  async startChat(conversation: Conversation): Promise<StartedChat> {
    const openId = this.#state.openChatByVisitor.get(conversation.visitorId);
    if (openId !== undefined) {
      await this.#data.durable();
      return { conversation: this.#state.conversations.get(openId)!, created: false };
    }
    return { conversation: await this.createConversation(conversation), created: true };
  }

  async openChatOf(visitorId: string): Promise<Conversation | null> {
    const id = this.#state.openChatByVisitor.get(visitorId);
    return id === undefined ? null : (this.#state.conversations.get(id) ?? null);
  }

  async listQueue(siteId: string): Promise<Conversation[]> {
    return this.#queueOf(siteId);
  }

  async activeChatCounts(agentIds: string[]): Promise<Map<string, number>> {
    return this.#activeCounts(agentIds);
  }

  async changeConversation(id: string, decide: ConversationDecision): Promise<ChangedConversation> {
    const current = this.#state.conversations.get(id);
    if (!current) throw new ParleyError('NOT_FOUND', `no conversation ${id}`);
    const patch = decide(current);
    if (patch === null) return { conversation: current, changed: false };
    const updated: Conversation = { ...current, ...cleanPatch(patch) };
    await this.#data.commit({ op: 'conversation', conversation: updated });
    return { conversation: updated, changed: true };
  }

  async assignConversation(
    conversationId: string,
    agentId: string,
    options: AssignOptions,
  ): Promise<Conversation> {
    const current = this.#state.conversations.get(conversationId);
    if (!current) throw new ParleyError('NOT_FOUND', `no conversation ${conversationId}`);
    const agent = this.#state.agents.get(agentId);
    const patch = assigning(agentId, options.mode, options.at)(current);
    assertRoomFor(agent, this.#activeCounts([agentId]).get(agentId) ?? 0, options);
    return this.#assign(current, agentId, patch!, options.at);
  }

  async assignNextQueued(
    siteId: string,
    candidates: RoutingCandidate[],
    at: string,
  ): Promise<Conversation | null> {
    const head = this.#queueOf(siteId)[0];
    if (!head) return null;
    const counts = this.#activeCounts(candidates.map((candidate) => candidate.agentId));
    const agentId = chooseAgent(
      candidates,
      (id) => this.#state.agents.get(id),
      (id) => counts.get(id) ?? 0,
      (id) => this.#state.agentAssignedAt.get(id) ?? null,
    );
    if (!agentId) return null;
    return this.#assign(head, agentId, assigning(agentId, 'auto', at)(head)!, at);
  }

  async acquireLease(name: string, holder: string, ttlMs: number): Promise<boolean> {
    const lease = this.#leases.get(name);
    const now = Date.now();
    if (lease && lease.holder !== holder && lease.expiresAt > now) return false;
    this.#leases.set(name, { holder, expiresAt: now + ttlMs });
    return true;
  }

  runExclusive<T>(name: string, task: () => Promise<T>): Promise<T> {
    return this.#exclusive.run(name, task);
  }

  async appendMessage(input: NewMessage, options: AppendOptions = {}): Promise<AppendResult> {
    // Everything up to the commit runs without awaiting, so concurrent appends cannot share a seq.
    const conversation = this.#state.conversations.get(input.conversationId);
    if (!conversation)
      throw new ParleyError('NOT_FOUND', `no conversation ${input.conversationId}`);
    const existing = this.#state.messageByClientId.get(conversation.id)?.get(input.clientId);
    if (existing) {
      // The first copy may still be on its way to disk; answer only once it is durable.
      await this.#data.durable();
      return { message: existing, duplicate: true, conversation: conversation };
    }
    if (options.requireOpen && conversation.status === 'closed')
      throw new ParleyError('CONFLICT', 'The conversation is closed');
    const message: Message = { ...input, seq: conversation.lastSeq + 1 };
    const ack = this.#data.commit({ op: 'message', message });
    const after = this.#state.conversations.get(conversation.id)!;
    await ack;
    return { message: message, duplicate: false, conversation: after };
  }

  async listMessages(
    conversationId: string,
    options: { afterSeq?: number; limit?: number } = {},
  ): Promise<Message[]> {
    const list = this.#state.messages.get(conversationId) ?? [];
    const start = firstIndexAfter(list, options.afterSeq ?? 0);
    const end = options.limit === undefined ? list.length : start + Math.max(0, options.limit);
    return list.slice(start, end);
  }

  async latestMatch(conversationId: string, q: string): Promise<Message | null> {
    const needle = searchNeedleOf({ q });
    if (needle === null) return null;
    const messages = this.#state.messages.get(conversationId) ?? [];
    for (let index = messages.length - 1; index >= 0; index -= 1)
      if (messageMatches(messages[index]!, needle)) return messages[index]!;
    return null;
  }

  async lastMessage(conversationId: string): Promise<Message | null> {
    return this.#state.messages.get(conversationId)?.at(-1) ?? null;
  }

  async listCannedReplies(siteId: string): Promise<CannedReply[]> {
    const replies = [...(this.#state.cannedReplies.get(siteId)?.values() ?? [])];
    return replies.sort(
      (a, b) => compareCodeUnits(a.shortcut, b.shortcut) || compareCodeUnits(a.id, b.id),
    );
  }

  async saveCannedReply(reply: CannedReply): Promise<CannedReply> {
    const stored = ownCopy(reply);
    await this.#data.commit({ op: 'canned-reply', reply: stored });
    return stored;
  }

  async deleteCannedReply(siteId: string, id: string): Promise<void> {
    if (!this.#state.cannedReplies.get(siteId)?.has(id)) {
      throw new ParleyError('NOT_FOUND', `no canned reply ${id} on site ${siteId}`);
    }
    await this.#data.commit({ op: 'canned-reply-delete', siteId, id });
  }

  async enqueueMail(mail: OutboxMail): Promise<OutboxMail> {
    const stored = ownCopy(mail);
    await this.#data.commit({ op: 'mail', mail: stored });
    return stored;
  }

  async claimMail(
    holder: string,
    now: string,
    leaseUntil: string,
    limit: number,
  ): Promise<OutboxMail[]> {
    // Chosen and committed (which applies at once) before the first await: no other claim sees
    // them free.
    const claimed = [...this.#state.outbox.values()]
      .filter((mail) => isDue(mail, now))
      .sort((a, b) => compareCodeUnits(a.nextAttemptAt, b.nextAttemptAt))
      .slice(0, limit)
      .map((mail): OutboxMail => ({
        ...mail,
        status: 'sending',
        attempts: mail.attempts + 1,
        leaseHolder: holder,
        leaseUntil,
      }));
    const written = claimed.map((mail) => this.#data.commit({ op: 'mail', mail }));
    await Promise.all(written);
    return claimed;
  }

  async settleMail(id: string, holder: string, outcome: MailOutcome): Promise<boolean> {
    const mail = this.#state.outbox.get(id);
    if (!mail || mail.status !== 'sending' || mail.leaseHolder !== holder) return false;
    await this.#data.commit({ op: 'mail', mail: settled(mail, outcome) });
    return true;
  }

  async listMailOf(conversationId: string): Promise<OutboxMail[]> {
    return [...this.#state.outbox.values()].filter(
      (mail) => mail.conversationId === conversationId,
    );
  }

  async appendAuditEntry(entry: AuditEntry): Promise<void> {
    await this.#data.commit({ op: 'audit', entry: ownCopy(entry) });
  }

  async listAuditEntries(filter: AuditFilter): Promise<{ items: AuditEntry[]; total: number }> {
    const sites = new Set(filter.siteIds);
    const matching = this.#state.auditLog.filter(
      (entry) => entry.actorId === filter.actorId || entry.siteIds.some((id) => sites.has(id)),
    );
    // Appended in time order, so newest first is the reverse; equal times keep the later one first.
    matching.reverse();
    const items = matching.slice(filter.offset, filter.offset + filter.limit);
    return { items: items, total: matching.length };
  }

  async getSetting(key: string): Promise<string | null> {
    return this.#state.settings.get(key) ?? null;
  }

  async setSetting(key: string, value: string): Promise<void> {
    await this.#data.commit({ op: 'setting', key, value });
  }

  /** Writes an assignment and the agent's last-assignment time together, then awaits both. */
  async #assign(
    current: Conversation,
    agentId: string,
    patch: ConversationPatch,
    at: string,
  ): Promise<Conversation> {
    const updated: Conversation = { ...current, ...cleanPatch(patch) };
    const written = this.#data.commit({ op: 'conversation', conversation: updated });
    await Promise.all([written, this.#data.commit({ op: 'agent-assigned', agentId, at })]);
    return updated;
  }

  #opensSecondChat(conversation: Conversation): boolean {
    return (
      conversation.kind === 'chat' &&
      conversation.status !== 'closed' &&
      this.#state.openChatByVisitor.has(conversation.visitorId)
    );
  }

  #queueOf(siteId: string): Conversation[] {
    const ids = this.#state.queuedChatIdsBySite.get(siteId) ?? [];
    return [...ids].map((id) => this.#state.conversations.get(id)!).sort(byQueueOrder);
  }

  #activeCounts(agentIds: string[]): Map<string, number> {
    return new Map(agentIds.map((id) => [id, this.#state.activeChatIdsByAgent.get(id)?.size ?? 0]));
  }

  #assertEmailFree(agent: AgentRecord): void {
    const owner = this.#state.agentIdByEmail.get(agent.email.toLowerCase());
    if (owner !== undefined && owner !== agent.id) {
      throw new ParleyError('EMAIL_TAKEN', `${agent.email} belongs to another agent`);
    }
  }

  #mentions(conversation: Conversation, needle: string): boolean {
    if (visitorMatches(this.#state.visitors.get(conversation.visitorId), needle)) return true;
    const messages = this.#state.messages.get(conversation.id) ?? [];
    return messages.some((message) => messageMatches(message, needle));
  }
}

/** Line order: queued first, ties by id so every node sees the same order. */
function byQueueOrder(a: Conversation, b: Conversation): number {
  return compareCodeUnits(a.queuedAt ?? '', b.queuedAt ?? '') || compareCodeUnits(a.id, b.id);
}

function sortByCreation<T extends { createdAt: string; id: string }>(items: T[]): T[] {
  return items.sort(
    (a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt) || compareCodeUnits(a.id, b.id),
  );
}

/** Index of the first message with seq > afterSeq (binary search: messages are in seq order). */
function firstIndexAfter(messages: Message[], afterSeq: number): number {
  let low = 0;
  let high = messages.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (messages[middle]!.seq <= afterSeq) low = middle + 1;
    else high = middle;
  }
  return low;
}
