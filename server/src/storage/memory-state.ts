/**
 * LowdbStore's in-memory data with its indexes, the journal record format, and the db.json
 * snapshot format. `apply` is the only way state changes, both live and when replaying journals,
 * so a replay always rebuilds exactly what the process had.
 */
import type { AuditEntry, CannedReply, Conversation, Message, Site, Visitor } from '@parley/shared';
import type { StatusChange } from '../reports/agent-tally';
import { deepFreeze } from './deep-freeze';
import type { AgentRecord, OutboxMail } from './store';

/** One mutation, as written to the journal. */
export type JournalRecord =
  | { op: 'site'; site: Site }
  /** With `statusAt` when the agent's status changed: the change goes into their status history. */
  | { op: 'agent'; agent: AgentRecord; statusAt?: string }
  | { op: 'agent-delete'; id: string }
  | { op: 'visitor'; visitor: Visitor }
  /** Erasure and retention: the visitor (when given) and the conversations, with their messages. */
  | { op: 'purge'; visitorId?: string; conversationIds: string[] }
  | { op: 'conversation'; conversation: Conversation }
  /** Also sets the conversation's lastSeq and lastMessageAt, so the two can never disagree. */
  | { op: 'message'; message: Message }
  /** Routing's tie-break: when an agent last received a chat. */
  | { op: 'agent-assigned'; agentId: string; at: string }
  | { op: 'canned-reply'; reply: CannedReply }
  | { op: 'canned-reply-delete'; siteId: string; id: string }
  | { op: 'setting'; key: string; value: string }
  | { op: 'audit'; entry: AuditEntry }
  /** An email put in the outbox, or its new state (claimed, sent, retried, failed). */
  | { op: 'mail'; mail: OutboxMail };

/** The contents of db.json. */
export interface Snapshot {
  format: 1;
  /** The first journal generation NOT included in this snapshot. */
  generation: number;
  sites: Site[];
  agents: AgentRecord[];
  visitors: Visitor[];
  conversations: Conversation[];
  /** Grouped by conversation, each group in seq order. */
  messages: Message[];
  cannedReplies: CannedReply[];
  settings: [string, string][];
  /** Agent id → when they last received a chat (absent in snapshots from before routing kept it). */
  agentAssignedAt?: [string, string][];
  /** Oldest first (absent in snapshots from before the audit log existed). */
  auditLog?: AuditEntry[];
  /** The outbox (absent in snapshots from before it existed). */
  outbox?: OutboxMail[];
  /** Agent id → their status changes, oldest first (absent before reports existed). */
  agentStatusHistory?: [string, StatusChange[]][];
}

/** A snapshot as of one instant whose messages are walked when it is written (see toSnapshot). */
export type SnapshotSource = Omit<Snapshot, 'messages'> & { messages: Iterable<Message> };

/** The snapshot of an empty store. */
export function emptySnapshot(): Snapshot {
  return {
    format: 1,
    generation: 0,
    sites: [],
    agents: [],
    visitors: [],
    conversations: [],
    messages: [],
    cannedReplies: [],
    settings: [],
    agentAssignedAt: [],
    auditLog: [],
    outbox: [],
    agentStatusHistory: [],
  };
}

const OPS = new Set<string>([
  'site',
  'agent',
  'agent-delete',
  'visitor',
  'purge',
  'conversation',
  'message',
  'agent-assigned',
  'canned-reply',
  'canned-reply-delete',
  'setting',
  'audit',
  'mail',
]);

/** Narrows a parsed journal line; anything else means the file is not ours or is damaged. */
export function isJournalRecord(value: unknown): value is JournalRecord {
  return (
    typeof value === 'object' && value !== null && OPS.has((value as { op?: unknown }).op as string)
  );
}

/**
 * Stored objects are never mutated in place, only replaced, so a snapshot built from the maps
 * stays correct while later mutations go on.
 */
export class MemoryState {
  readonly sites = new Map<string, Site>();
  readonly agents = new Map<string, AgentRecord>();
  /** Lowercased email → agent id. */
  readonly agentIdByEmail = new Map<string, string>();
  readonly visitors = new Map<string, Visitor>();
  readonly conversations = new Map<string, Conversation>();
  /** Ids of the conversations that are not closed: routing and sweeps look only at these. */
  readonly openConversationIds = new Set<string>();
  /** Visitor id → id of their open live chat. */
  readonly openChatByVisitor = new Map<string, string>();
  /** Agent id → ids of the live chats assigned to them and active: capacity is their count. */
  readonly activeChatIdsByAgent = new Map<string, Set<string>>();
  /** Site id → ids of its live chats waiting in the queue. */
  readonly queuedChatIdsBySite = new Map<string, Set<string>>();
  /** Agent id → when they last received a chat (ISO). */
  readonly agentAssignedAt = new Map<string, string>();
  /**
   * Conversation id → its messages in seq order. A list only ever grows by push (a purge drops
   * the whole entry), which lets a snapshot take its length now and read it later.
   */
  readonly messages = new Map<string, Message[]>();
  /** Conversation id → clientId → message, for idempotent appends. */
  readonly messageByClientId = new Map<string, Map<string, Message>>();
  /** Site id → reply id → reply. */
  readonly cannedReplies = new Map<string, Map<string, CannedReply>>();
  readonly settings = new Map<string, string>();
  /** Oldest first: entries are only appended. */
  readonly auditLog: AuditEntry[] = [];
  /** Outbox emails by id, in the order they were put in. */
  readonly outbox = new Map<string, OutboxMail>();
  /** Agent id → status changes, oldest first; kept after the agent is deleted (past reports). */
  readonly agentStatusHistory = new Map<string, StatusChange[]>();
  /**
   * Visitor id → each of their conversations' id → when it started (epoch ms): reports ask
   * whether a visitor came before, or came back.
   */
  readonly conversationStartsByVisitor = new Map<string, Array<[id: string, start: number]>>();

  /** Rebuilds state and indexes from db.json. */
  static fromSnapshot(snapshot: Snapshot): MemoryState {
    const state = new MemoryState();
    for (const site of snapshot.sites) state.apply({ op: 'site', site });
    for (const agent of snapshot.agents) state.apply({ op: 'agent', agent });
    for (const visitor of snapshot.visitors) state.apply({ op: 'visitor', visitor });
    for (const conversation of snapshot.conversations) {
      state.apply({ op: 'conversation', conversation });
    }
    // The conversations already carry lastSeq/lastMessageAt, so only the indexes are rebuilt.
    for (const message of snapshot.messages) state.#index(message);
    for (const reply of snapshot.cannedReplies) state.apply({ op: 'canned-reply', reply });
    for (const [key, value] of snapshot.settings) state.settings.set(key, value);
    for (const [agentId, at] of snapshot.agentAssignedAt ?? [])
      state.agentAssignedAt.set(agentId, at);
    state.auditLog.push(...deepFreeze(snapshot.auditLog ?? []));
    for (const mail of snapshot.outbox ?? []) state.outbox.set(mail.id, deepFreeze(mail));
    for (const [agentId, changes] of snapshot.agentStatusHistory ?? [])
      state.agentStatusHistory.set(agentId, [...deepFreeze(changes)]);
    return state;
  }

  /**
   * The whole state as of this instant as db.json content, recording the journal generation that
   * comes next. Built in one synchronous step and cheap even for 100,000 conversations: the maps
   * are copied into arrays, and the message lists, which only grow, are cut at their length now
   * and walked later, while db.json is written.
   */
  toSnapshot(generation: number): SnapshotSource {
    const lists = [...this.messages.values()];
    const lengths = Uint32Array.from(lists, (list) => list.length);
    return {
      format: 1,
      generation,
      sites: [...this.sites.values()],
      agents: [...this.agents.values()],
      visitors: [...this.visitors.values()],
      conversations: [...this.conversations.values()],
      messages: {
        *[Symbol.iterator]() {
          for (const [index, list] of lists.entries()) {
            for (let at = 0; at < lengths[index]!; at += 1) yield list[at]!;
          }
        },
      },
      cannedReplies: [...this.cannedReplies.values()].flatMap((replies) => [...replies.values()]),
      settings: [...this.settings.entries()],
      agentAssignedAt: [...this.agentAssignedAt.entries()],
      auditLog: [...this.auditLog],
      outbox: [...this.outbox.values()],
      agentStatusHistory: [...this.agentStatusHistory].map(([id, changes]) => [id, [...changes]]),
    };
  }

  /**
   * Applies one mutation. Callers validate first; this only refuses what would corrupt state.
   * The record is frozen: from here on it is the store's (see deep-freeze.ts).
   */
  apply(record: JournalRecord): void {
    deepFreeze(record);
    switch (record.op) {
      case 'site':
        this.sites.set(record.site.id, record.site);
        return;
      case 'agent':
        if (record.statusAt !== undefined) this.#recordStatus(record.agent, record.statusAt);
        return this.#putAgent(record.agent);
      case 'agent-delete':
        return this.#deleteAgent(record.id);
      case 'visitor':
        this.visitors.set(record.visitor.id, record.visitor);
        return;
      case 'purge':
        return this.#purge(record.visitorId, record.conversationIds);
      case 'conversation':
        return this.#putConversation(record.conversation);
      case 'message':
        return this.#appendMessage(record.message);
      case 'agent-assigned':
        this.agentAssignedAt.set(record.agentId, record.at);
        return;
      case 'canned-reply':
        return this.#putCannedReply(record.reply);
      case 'canned-reply-delete':
        this.cannedReplies.get(record.siteId)?.delete(record.id);
        return;
      case 'setting':
        this.settings.set(record.key, record.value);
        return;
      case 'audit':
        this.auditLog.push(record.entry);
        return;
      case 'mail':
        this.outbox.set(record.mail.id, record.mail);
        return;
    }
  }

  #purge(visitorId: string | undefined, conversationIds: string[]): void {
    for (const id of conversationIds) {
      const conversation = this.conversations.get(id);
      if (!conversation) continue;
      if (this.openChatByVisitor.get(conversation.visitorId) === id)
        this.openChatByVisitor.delete(conversation.visitorId);
      this.openConversationIds.delete(id);
      this.#routingIndex(conversation, 'delete');
      const starts = this.conversationStartsByVisitor.get(conversation.visitorId);
      if (starts)
        this.conversationStartsByVisitor.set(
          conversation.visitorId,
          starts.filter(([other]) => other !== id),
        );
      this.conversations.delete(id);
      this.messages.delete(id);
      this.messageByClientId.delete(id);
    }
    // Emails about those conversations hold what was said in them: they go too.
    const purged = new Set(conversationIds);
    for (const [id, mail] of this.outbox) {
      if (mail.conversationId !== null && purged.has(mail.conversationId)) this.outbox.delete(id);
    }
    if (visitorId !== undefined) this.visitors.delete(visitorId);
  }

  #deleteAgent(id: string): void {
    const previous = this.agents.get(id);
    if (!previous) return;
    if (this.agentIdByEmail.get(previous.email.toLowerCase()) === id)
      this.agentIdByEmail.delete(previous.email.toLowerCase());
    this.agents.delete(id);
    this.agentAssignedAt.delete(id);
  }

  #recordStatus(agent: AgentRecord, at: string): void {
    let changes = this.agentStatusHistory.get(agent.id);
    if (!changes) this.agentStatusHistory.set(agent.id, (changes = []));
    changes.push({ status: agent.status, at });
  }

  #putAgent(agent: AgentRecord): void {
    const previous = this.agents.get(agent.id);
    if (previous && this.agentIdByEmail.get(previous.email.toLowerCase()) === agent.id) {
      this.agentIdByEmail.delete(previous.email.toLowerCase());
    }
    this.agents.set(agent.id, agent);
    this.agentIdByEmail.set(agent.email.toLowerCase(), agent.id);
  }

  #appendMessage(message: Message): void {
    const conversation = this.conversations.get(message.conversationId);
    if (!conversation) {
      throw new Error(
        `message ${message.id} belongs to unknown conversation ${message.conversationId}`,
      );
    }
    const firstResponse = message.author === 'agent' && !message.internal;
    this.#putConversation(
      Object.freeze({
        ...conversation,
        lastSeq: message.seq,
        lastMessageAt: message.createdAt,
        firstResponseAt: conversation.firstResponseAt ?? (firstResponse ? message.createdAt : null),
      }),
    );
    this.#index(message);
  }

  #putConversation(conversation: Conversation): void {
    const { id, visitorId } = conversation;
    const previous = this.conversations.get(id);
    if (previous) this.#routingIndex(previous, 'delete');
    this.#routingIndex(conversation, 'add');
    // Every message replaces its conversation: the visitor's index only changes for a new one.
    if (!previous) {
      let starts = this.conversationStartsByVisitor.get(visitorId);
      if (!starts) this.conversationStartsByVisitor.set(visitorId, (starts = []));
      starts.push([id, Date.parse(conversation.createdAt)]);
    }
    this.conversations.set(id, conversation);
    const open = conversation.status !== 'closed';
    if (open) this.openConversationIds.add(id);
    else this.openConversationIds.delete(id);
    if (conversation.kind !== 'chat') return;
    if (open) this.openChatByVisitor.set(visitorId, id);
    else if (this.openChatByVisitor.get(visitorId) === id) this.openChatByVisitor.delete(visitorId);
  }

  /** Keeps a live chat in (or out of) its agent's active set or its site's queue. */
  #routingIndex(conversation: Conversation, change: 'add' | 'delete'): void {
    if (conversation.kind !== 'chat') return;
    const { id, status, agentId, siteId } = conversation;
    const [index, key] =
      status === 'active' && agentId !== null
        ? [this.activeChatIdsByAgent, agentId]
        : status === 'queued'
          ? [this.queuedChatIdsBySite, siteId]
          : [null, null];
    if (!index) return;
    let ids = index.get(key);
    if (change === 'delete') {
      ids?.delete(id);
      if (ids?.size === 0) index.delete(key);
      return;
    }
    if (!ids) index.set(key, (ids = new Set()));
    ids.add(id);
  }

  /** The open conversations, in no particular order. */
  openConversations(): Conversation[] {
    return [...this.openConversationIds].map((id) => this.conversations.get(id)!);
  }

  #index(message: Message): void {
    deepFreeze(message);
    let list = this.messages.get(message.conversationId);
    if (!list) this.messages.set(message.conversationId, (list = []));
    list.push(message);
    let byClientId = this.messageByClientId.get(message.conversationId);
    if (!byClientId) this.messageByClientId.set(message.conversationId, (byClientId = new Map()));
    byClientId.set(message.clientId, message);
  }

  #putCannedReply(reply: CannedReply): void {
    // Reply ids are unique across sites (as in PostgreSQL), so a reply may move to another site.
    for (const [siteId, others] of this.cannedReplies) {
      if (siteId !== reply.siteId) others.delete(reply.id);
    }
    let replies = this.cannedReplies.get(reply.siteId);
    if (!replies) this.cannedReplies.set(reply.siteId, (replies = new Map()));
    // One reply per shortcut and site: saving a shortcut again replaces the older reply.
    for (const [id, existing] of replies) {
      if (existing.shortcut === reply.shortcut && id !== reply.id) replies.delete(id);
    }
    replies.set(reply.id, reply);
  }
}
