/**
 * The embedded store: all data in memory, every mutation appended to an fsync'ed journal, and the
 * whole state written to db.json (through lowdb) only when a journal grows past a threshold and on
 * close. Storing a message therefore costs one journal line, however much is stored.
 */
import { ParleyError } from '@parley/shared';
import type { CannedReply, Conversation, Message, Site, Visitor } from '@parley/shared';
import {
  byActivityDescending,
  byCreationAscending,
  compareCodeUnits,
  matchesFilter,
  pageOf,
  searchTextOf,
  visitorMatches,
} from './conversation-filter';
import { cleanPatch } from './conversation-patch';
import { JournaledState, type CompactionOptions } from './journaled-state';
import type { MemoryState } from './memory-state';
import type {
  AgentRecord,
  AppendResult,
  ConversationFilter,
  ConversationPatch,
  NewMessage,
  Store,
} from './store';

/** Tuning of {@link LowdbStore}: when its journal is compacted into db.json. */
export type LowdbStoreOptions = CompactionOptions;

const clone = <T>(value: T): T => structuredClone(value);

/** The lowdb-backed {@link Store}; one process per data directory. */
export class LowdbStore implements Store {
  readonly #data: JournaledState;

  /** `dataDir` holds db.json and its journals; it is created when missing. */
  constructor(dataDir: string, options: LowdbStoreOptions = {}) {
    this.#data = new JournaledState(dataDir, options);
  }

  get #state(): MemoryState {
    return this.#data.state;
  }

  async init(): Promise<void> {
    await this.#data.load();
  }

  async close(): Promise<void> {
    await this.#data.close();
  }

  /** Resolves when no background compaction is running; rejects with the last one's failure. */
  whenIdle(): Promise<void> {
    return this.#data.whenIdle();
  }

  async createSite(site: Site): Promise<Site> {
    if (this.#state.sites.has(site.id)) throw new ParleyError('CONFLICT', `site ${site.id} exists`);
    await this.#data.commit({ op: 'site', site: clone(site) });
    return clone(site);
  }

  async getSite(id: string): Promise<Site | null> {
    return clone(this.#state.sites.get(id) ?? null);
  }

  async listSites(): Promise<Site[]> {
    return clone(sortByCreation([...this.#state.sites.values()]));
  }

  async updateSite(site: Site): Promise<Site> {
    if (!this.#state.sites.has(site.id)) throw new ParleyError('NOT_FOUND', `no site ${site.id}`);
    await this.#data.commit({ op: 'site', site: clone(site) });
    return clone(site);
  }

  async createAgent(agent: AgentRecord): Promise<AgentRecord> {
    if (this.#state.agents.has(agent.id))
      throw new ParleyError('CONFLICT', `agent ${agent.id} exists`);
    this.#assertEmailFree(agent);
    await this.#data.commit({ op: 'agent', agent: clone(agent) });
    return clone(agent);
  }

  async getAgent(id: string): Promise<AgentRecord | null> {
    return clone(this.#state.agents.get(id) ?? null);
  }

  async getAgentByEmail(email: string): Promise<AgentRecord | null> {
    const id = this.#state.agentIdByEmail.get(email.toLowerCase());
    return clone((id !== undefined && this.#state.agents.get(id)) || null);
  }

  async listAgents(): Promise<AgentRecord[]> {
    return clone(sortByCreation([...this.#state.agents.values()]));
  }

  async updateAgent(agent: AgentRecord): Promise<AgentRecord> {
    if (!this.#state.agents.has(agent.id))
      throw new ParleyError('NOT_FOUND', `no agent ${agent.id}`);
    this.#assertEmailFree(agent);
    await this.#data.commit({ op: 'agent', agent: clone(agent) });
    return clone(agent);
  }

  async saveVisitor(visitor: Visitor): Promise<Visitor> {
    await this.#data.commit({ op: 'visitor', visitor: clone(visitor) });
    return clone(visitor);
  }

  async getVisitor(id: string): Promise<Visitor | null> {
    return clone(this.#state.visitors.get(id) ?? null);
  }

  async createConversation(conversation: Conversation): Promise<Conversation> {
    if (this.#state.conversations.has(conversation.id)) {
      throw new ParleyError('CONFLICT', `conversation ${conversation.id} exists`);
    }
    await this.#data.commit({ op: 'conversation', conversation: clone(conversation) });
    return clone(conversation);
  }

  async getConversation(id: string): Promise<Conversation | null> {
    return clone(this.#state.conversations.get(id) ?? null);
  }

  async updateConversation(id: string, patch: ConversationPatch): Promise<Conversation> {
    const current = this.#state.conversations.get(id);
    if (!current) throw new ParleyError('NOT_FOUND', `no conversation ${id}`);
    const updated: Conversation = { ...current, ...cleanPatch(patch) };
    await this.#data.commit({ op: 'conversation', conversation: updated });
    return clone(updated);
  }

  async listConversations(
    filter: ConversationFilter,
  ): Promise<{ items: Conversation[]; total: number }> {
    const { limit, offset } = pageOf(filter);
    const needle = searchTextOf(filter)?.toLowerCase() ?? null;
    const matched = [...this.#state.conversations.values()].filter(
      (conversation) =>
        matchesFilter(conversation, filter) &&
        (needle === null || this.#mentions(conversation, needle)),
    );
    matched.sort(byActivityDescending);
    return { items: clone(matched.slice(offset, offset + limit)), total: matched.length };
  }

  async listOpenConversations(): Promise<Conversation[]> {
    const open = [...this.#state.conversations.values()].filter((c) => c.status !== 'closed');
    return clone(open.sort(byCreationAscending));
  }

  async appendMessage(input: NewMessage): Promise<AppendResult> {
    // Everything up to the commit runs without awaiting, so concurrent appends cannot share a seq.
    const conversation = this.#state.conversations.get(input.conversationId);
    if (!conversation)
      throw new ParleyError('NOT_FOUND', `no conversation ${input.conversationId}`);
    const existing = this.#state.messageByClientId.get(conversation.id)?.get(input.clientId);
    if (existing) {
      // The first copy may still be on its way to disk; answer only once it is durable.
      await this.#data.durable();
      return { message: clone(existing), duplicate: true };
    }
    const message: Message = { ...clone(input), seq: conversation.lastSeq + 1 };
    await this.#data.commit({ op: 'message', message });
    return { message: clone(message), duplicate: false };
  }

  async listMessages(
    conversationId: string,
    options: { afterSeq?: number; limit?: number } = {},
  ): Promise<Message[]> {
    const list = this.#state.messages.get(conversationId) ?? [];
    const start = firstIndexAfter(list, options.afterSeq ?? 0);
    const end = options.limit === undefined ? list.length : start + Math.max(0, options.limit);
    return clone(list.slice(start, end));
  }

  async lastMessage(conversationId: string): Promise<Message | null> {
    return clone(this.#state.messages.get(conversationId)?.at(-1) ?? null);
  }

  async listCannedReplies(siteId: string): Promise<CannedReply[]> {
    const replies = [...(this.#state.cannedReplies.get(siteId)?.values() ?? [])];
    return clone(
      replies.sort(
        (a, b) => compareCodeUnits(a.shortcut, b.shortcut) || compareCodeUnits(a.id, b.id),
      ),
    );
  }

  async saveCannedReply(reply: CannedReply): Promise<CannedReply> {
    await this.#data.commit({ op: 'canned-reply', reply: clone(reply) });
    return clone(reply);
  }

  async deleteCannedReply(siteId: string, id: string): Promise<void> {
    if (!this.#state.cannedReplies.get(siteId)?.has(id)) {
      throw new ParleyError('NOT_FOUND', `no canned reply ${id} on site ${siteId}`);
    }
    await this.#data.commit({ op: 'canned-reply-delete', siteId, id });
  }

  async getSetting(key: string): Promise<string | null> {
    return this.#state.settings.get(key) ?? null;
  }

  async setSetting(key: string, value: string): Promise<void> {
    await this.#data.commit({ op: 'setting', key, value });
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
    return messages.some((message) => message.text.toLowerCase().includes(needle));
  }
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
