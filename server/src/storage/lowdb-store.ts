/**
 * The embedded store: all data in memory, every mutation appended to an fsync'ed journal, and the
 * whole state written to db.json (through lowdb) only when a journal grows past a threshold and on
 * close. Storing a message therefore costs one journal line, however much is stored.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
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
import { fsyncDirectory, fsyncFile } from './durable-fs';
import { Journal } from './journal';
import { deleteJournalsBefore, journalPath, listJournals, readJournal } from './journal-files';
import {
  emptySnapshot,
  isJournalRecord,
  MemoryState,
  type JournalRecord,
  type Snapshot,
} from './memory-state';
import type {
  AgentRecord,
  AppendResult,
  ConversationFilter,
  ConversationPatch,
  NewMessage,
  Store,
} from './store';

/** Tuning of {@link LowdbStore}. */
export interface LowdbStoreOptions {
  /** Compact once the current journal holds this many records (default 5,000). */
  compactAfterRecords?: number;
  /** Compact once the current journal holds this many bytes (default 8 MB). */
  compactAfterBytes?: number;
  /** Told when a background compaction fails; the journals still hold everything meanwhile. */
  onCompactionError?: (error: unknown) => void;
}

const clone = <T>(value: T): T => structuredClone(value);

/** The lowdb-backed {@link Store}; one process per data directory. */
export class LowdbStore implements Store {
  readonly #dir: string;
  readonly #dbPath: string;
  readonly #compactAfterRecords: number;
  readonly #compactAfterBytes: number;
  readonly #onCompactionError: (error: unknown) => void;
  readonly #db: Low<Snapshot>;
  #state = new MemoryState();
  #generation = 0;
  #journal: Journal | null = null;
  #open = false;
  /** The durability promise of the latest record: resolving means everything before it is durable too. */
  #lastAck: Promise<void> = Promise.resolve();
  #compaction: Promise<void> | null = null;
  #compactionError: unknown = null;

  constructor(dataDir: string, options: LowdbStoreOptions = {}) {
    this.#dir = dataDir;
    this.#dbPath = join(dataDir, 'db.json');
    this.#compactAfterRecords = options.compactAfterRecords ?? 5_000;
    this.#compactAfterBytes = options.compactAfterBytes ?? 8 * 1024 * 1024;
    this.#onCompactionError = options.onCompactionError ?? (() => undefined);
    // Not JSONFilePreset: it silently keeps data in memory when NODE_ENV=test.
    this.#db = new Low<Snapshot>(new JSONFile<Snapshot>(this.#dbPath), emptySnapshot());
  }

  async init(): Promise<void> {
    await mkdir(this.#dir, { recursive: true });
    await this.#db.read();
    const snapshot = this.#db.data;
    if (snapshot.format !== 1)
      throw new Error(`${this.#dbPath} has unknown format ${snapshot.format}`);
    this.#state = MemoryState.fromSnapshot(snapshot);
    const journals = await listJournals(this.#dir);
    for (const file of journals) {
      if (file.generation < snapshot.generation) continue;
      for (const [index, record] of (await readJournal(file.path)).entries()) {
        if (!isJournalRecord(record))
          throw new Error(`${file.path} record ${index + 1} is not a journal record`);
        this.#state.apply(record);
      }
    }
    this.#generation = Math.max(snapshot.generation, ...journals.map((file) => file.generation));
    this.#journal = new Journal(journalPath(this.#dir, this.#generation));
    this.#open = true;
    // Fold what was replayed into db.json now: the next appends then start a clean journal, never
    // one that ends in a line torn by a crash.
    if (journals.length > 0) await this.#compact();
  }

  async close(): Promise<void> {
    if (!this.#open) return;
    this.#open = false;
    await this.whenIdle().catch(() => undefined);
    if (this.#journal!.records > 0 || this.#compactionError !== null) await this.#compact();
  }

  /** Resolves when no background compaction is running; rejects with the last one's failure. */
  async whenIdle(): Promise<void> {
    while (this.#compaction) await this.#compaction;
    if (this.#compactionError !== null) throw this.#compactionError;
  }

  async createSite(site: Site): Promise<Site> {
    if (this.#state.sites.has(site.id)) throw new ParleyError('CONFLICT', `site ${site.id} exists`);
    await this.#commit({ op: 'site', site: clone(site) });
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
    await this.#commit({ op: 'site', site: clone(site) });
    return clone(site);
  }

  async createAgent(agent: AgentRecord): Promise<AgentRecord> {
    if (this.#state.agents.has(agent.id))
      throw new ParleyError('CONFLICT', `agent ${agent.id} exists`);
    this.#assertEmailFree(agent);
    await this.#commit({ op: 'agent', agent: clone(agent) });
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
    await this.#commit({ op: 'agent', agent: clone(agent) });
    return clone(agent);
  }

  async saveVisitor(visitor: Visitor): Promise<Visitor> {
    await this.#commit({ op: 'visitor', visitor: clone(visitor) });
    return clone(visitor);
  }

  async getVisitor(id: string): Promise<Visitor | null> {
    return clone(this.#state.visitors.get(id) ?? null);
  }

  async createConversation(conversation: Conversation): Promise<Conversation> {
    if (this.#state.conversations.has(conversation.id)) {
      throw new ParleyError('CONFLICT', `conversation ${conversation.id} exists`);
    }
    await this.#commit({ op: 'conversation', conversation: clone(conversation) });
    return clone(conversation);
  }

  async getConversation(id: string): Promise<Conversation | null> {
    return clone(this.#state.conversations.get(id) ?? null);
  }

  async updateConversation(id: string, patch: ConversationPatch): Promise<Conversation> {
    const current = this.#state.conversations.get(id);
    if (!current) throw new ParleyError('NOT_FOUND', `no conversation ${id}`);
    const updated: Conversation = { ...current, ...cleanPatch(patch) };
    await this.#commit({ op: 'conversation', conversation: updated });
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
    // Everything up to #commit runs without awaiting, so concurrent appends cannot share a seq.
    const conversation = this.#state.conversations.get(input.conversationId);
    if (!conversation)
      throw new ParleyError('NOT_FOUND', `no conversation ${input.conversationId}`);
    const existing = this.#state.messageByClientId.get(conversation.id)?.get(input.clientId);
    if (existing) {
      // The first copy may still be on its way to disk; answer only once it is durable.
      await this.#lastAck;
      return { message: clone(existing), duplicate: true };
    }
    const message: Message = { ...clone(input), seq: conversation.lastSeq + 1 };
    await this.#commit({ op: 'message', message });
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
    await this.#commit({ op: 'canned-reply', reply: clone(reply) });
    return clone(reply);
  }

  async deleteCannedReply(siteId: string, id: string): Promise<void> {
    if (!this.#state.cannedReplies.get(siteId)?.has(id)) {
      throw new ParleyError('NOT_FOUND', `no canned reply ${id} on site ${siteId}`);
    }
    await this.#commit({ op: 'canned-reply-delete', siteId, id });
  }

  async getSetting(key: string): Promise<string | null> {
    return this.#state.settings.get(key) ?? null;
  }

  async setSetting(key: string, value: string): Promise<void> {
    await this.#commit({ op: 'setting', key, value });
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

  /** Applies a record in memory and journals it; resolves once it is durable. */
  #commit(record: JournalRecord): Promise<void> {
    if (!this.#open || !this.#journal) throw new Error('LowdbStore is not open');
    const journal = this.#journal;
    // Once a write failed, memory may hold records the disk lacks; stop before adding more.
    if (journal.failure !== null) throw journal.failure;
    this.#state.apply(record);
    this.#lastAck = journal.append(record);
    const full =
      journal.records >= this.#compactAfterRecords || journal.bytes >= this.#compactAfterBytes;
    if (full && !this.#compaction) {
      this.#compaction = this.#compact()
        .then(
          () => {
            this.#compactionError = null;
          },
          (error: unknown) => {
            this.#compactionError = error;
            this.#onCompactionError(error);
          },
        )
        .finally(() => {
          this.#compaction = null;
        });
    }
    return this.#lastAck;
  }

  /**
   * Starts a new journal generation and writes the state as of this instant to db.json, then
   * deletes the journals it replaces. The switch and the snapshot happen in one synchronous step,
   * so every record lands either in the snapshot or in the new journal, never in neither.
   */
  async #compact(): Promise<void> {
    const previous = this.#journal!;
    this.#generation += 1;
    const generation = this.#generation;
    const drained = previous.close();
    this.#journal = new Journal(journalPath(this.#dir, generation), drained);
    this.#db.data = this.#state.toSnapshot(generation);
    await drained;
    await this.#db.write();
    // lowdb renames a temp file into place but does not fsync; the journals are deleted only
    // once the snapshot that replaces them is certainly on disk.
    await fsyncFile(this.#dbPath);
    await fsyncDirectory(this.#dir);
    await deleteJournalsBefore(this.#dir, generation);
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
