import { computed, signal } from '@preact/signals';
import type {
  Conversation,
  ConversationSummary,
  InboxCounts,
  Message,
  Visitor,
} from '@parley/shared';
import type { ApiClient } from '../api/api-client';
import { asRequestError, type RequestError } from '../api/request-error';
import { belongsTo, byActivity, byWaiting, tabQuery, type InboxTab } from './inbox-tabs';
import { createMineArrivals } from './mine-arrivals';

/** A chat that became mine while another tab was shown. */
export interface AssignedToMe {
  conversationId: string;
  visitorName: string;
}

/** Rows fetched per page; "Load more" fetches the next page. */
export const PAGE_SIZE = 50;
const RECENT_LIMIT = 500;

export interface InboxDeps {
  api: Pick<ApiClient, 'listConversations' | 'counts'>;
  meId: () => string;
  /** The conversation on screen: a chat I take there needs no pointer to it. */
  viewingId?: () => string | null;
  /**
   * The latest message of a conversation the relay sent no summaries of (it was not listed
   * here), for the preview of a row that comes into the list.
   */
  latestMessage?: (conversationId: string, lastSeq: number) => Promise<Message | null>;
  /** Coalesces bursts of live events into one counts request. */
  countsDelayMs?: number;
  /** Waits for a pause in typing before searching. */
  searchDelayMs?: number;
}

/** The conversation list: tabs, counts, search, paging and live updates. */
export function createInbox(deps: InboxDeps) {
  const { api, meId } = deps;
  const tab = signal<InboxTab>('queue');
  /** The latest chat given to me while another tab is shown: where it went. */
  const assignedToMe = signal<AssignedToMe | null>(null);
  /** How many chats became mine since Mine was last shown, for a badge on that tab. */
  const newMine = signal(0);
  const arrivals = createMineArrivals(meId);
  const search = signal('');
  const items = signal<ConversationSummary[]>([]);
  const total = signal(0);
  const hasMore = signal(false);
  const loading = signal(false);
  const loadingMore = signal(false);
  const error = signal<RequestError | null>(null);
  const counts = signal<InboxCounts | null>(null);
  const countsError = signal<RequestError | null>(null);
  const searching = computed(() => search.value.trim() !== '');

  let nextOffset = 0;
  // Each refresh gets a number so an answer to an older request never overwrites a newer one.
  let generation = 0;
  let countsTimer: ReturnType<typeof setTimeout> | undefined;
  // A conversation's first message can arrive before the event that lists it; keep recent ones.
  const recentMessages = new Map<string, Message>();
  let searchTimer: ReturnType<typeof setTimeout> | undefined;

  function query(offset: number) {
    const q = search.value.trim();
    const base = q ? { q } : tabQuery(tab.value, meId());
    return { ...base, limit: PAGE_SIZE, offset };
  }

  function sorted(rows: ConversationSummary[]): ConversationSummary[] {
    if (searching.value) return rows;
    const order = tab.value === 'queue' ? byWaiting : byActivity;
    return rows.slice().sort((a, b) => order(a.conversation, b.conversation));
  }

  async function refresh(): Promise<void> {
    const mine = ++generation;
    loading.value = true;
    error.value = null;
    try {
      const page = await api.listConversations(query(0));
      if (mine !== generation) return;
      trackMine(page.items);
      items.value = sorted(page.items);
      total.value = page.total;
      nextOffset = page.items.length;
      hasMore.value = nextOffset < page.total;
    } catch (caught) {
      if (mine === generation) error.value = asRequestError(caught);
    } finally {
      if (mine === generation) loading.value = false;
    }
  }

  async function loadMore(): Promise<void> {
    if (loadingMore.value || !hasMore.value) return;
    const mine = generation;
    loadingMore.value = true;
    error.value = null;
    try {
      const page = await api.listConversations(query(nextOffset));
      if (mine !== generation) return;
      trackMine(page.items);
      // Live updates reorder the relay's list between pages, so a row can come back a second time.
      const known = new Set(items.value.map((row) => row.conversation.id));
      const fresh = page.items.filter((row) => !known.has(row.conversation.id));
      items.value = sorted([...items.value, ...fresh]);
      total.value = page.total;
      nextOffset += page.items.length;
      hasMore.value = page.items.length > 0 && nextOffset < page.total;
    } catch (caught) {
      if (mine === generation) error.value = asRequestError(caught);
    } finally {
      loadingMore.value = false;
    }
  }

  async function refreshCounts(): Promise<void> {
    try {
      counts.value = await api.counts();
      countsError.value = null;
    } catch (caught) {
      countsError.value = asRequestError(caught);
    }
  }

  function scheduleCounts(): void {
    clearTimeout(countsTimer);
    countsTimer = setTimeout(() => void refreshCounts(), deps.countsDelayMs ?? 300);
  }

  function selectTab(next: InboxTab): void {
    clearTimeout(searchTimer);
    search.value = '';
    tab.value = next;
    if (next === 'mine') {
      assignedToMe.value = null;
      newMine.value = 0;
    }
    void refresh();
  }

  /** Chats known to be mine (or not) from a list: later news of them is no arrival. */
  function trackMine(rows: readonly ConversationSummary[]): void {
    for (const row of rows) arrivals.track(row.conversation);
  }

  /** Hides the pointer to Mine (its chat was opened, or the agent dismissed it). */
  function dismissAssigned(): void {
    assignedToMe.value = null;
  }

  function setSearch(text: string): void {
    search.value = text;
    clearTimeout(searchTimer);
    searchTimer = setTimeout(() => void refresh(), deps.searchDelayMs ?? 250);
  }

  /** A conversation was created or changed: place it, move it, or drop it from the list. */
  function applyConversation(conversation: Conversation, visitor: Visitor): void {
    scheduleCounts();
    const current = items.value;
    const index = current.findIndex((row) => row.conversation.id === conversation.id);
    // A chat given to me while another tab is shown would otherwise vanish or never appear:
    // say where it went. One I took on screen needs no such pointer.
    if (
      arrivals.arrived(conversation) &&
      tab.value !== 'mine' &&
      deps.viewingId?.() !== conversation.id
    ) {
      assignedToMe.value = {
        conversationId: conversation.id,
        visitorName: visitor.name ?? visitor.email ?? 'a visitor',
      };
      newMine.value += 1;
    }
    const listed = searching.value ? index !== -1 : belongsTo(tab.value, conversation, meId());
    if (!listed) {
      if (index !== -1) {
        items.value = current.filter((_, i) => i !== index);
        total.value = Math.max(0, total.value - 1);
      }
      return;
    }
    const row: ConversationSummary = {
      conversation,
      visitor,
      lastMessage: current[index]?.lastMessage ?? recentMessages.get(conversation.id) ?? null,
    };
    if (!row.lastMessage && conversation.lastSeq > 0) fetchPreview(conversation);
    if (index === -1) {
      items.value = sorted([row, ...current]);
      total.value += 1;
    } else {
      const next = current.slice();
      next[index] = row;
      items.value = sorted(next);
    }
  }

  function fetchPreview(conversation: Conversation): void {
    deps
      .latestMessage?.(conversation.id, conversation.lastSeq)
      .then((message) => message && applyMessage(message))
      // Without it the row shows no preview until the next message: nothing else is wrong.
      .catch(() => {});
  }

  /** A new message: it becomes the row's preview and moves the row up. */
  function applyMessage(message: Message): void {
    remember(message);
    const current = items.value;
    const index = current.findIndex((row) => row.conversation.id === message.conversationId);
    const row = current[index];
    if (!row) return;
    if (row.lastMessage && row.lastMessage.seq > message.seq) return;
    const next = current.slice();
    next[index] = {
      ...row,
      lastMessage: message,
      conversation: {
        ...row.conversation,
        lastSeq: Math.max(row.conversation.lastSeq, message.seq),
        lastMessageAt: message.createdAt,
      },
    };
    items.value = sorted(next);
  }

  function remember(message: Message): void {
    const known = recentMessages.get(message.conversationId);
    if (known && known.seq > message.seq) return;
    recentMessages.delete(message.conversationId);
    recentMessages.set(message.conversationId, message);
    // Maps iterate in insertion order, so the first key is the conversation heard from longest ago.
    if (recentMessages.size > RECENT_LIMIT) {
      const oldest = recentMessages.keys().next().value;
      if (oldest !== undefined) recentMessages.delete(oldest);
    }
  }

  function applyVisitor(visitor: Visitor): void {
    if (!items.value.some((row) => row.visitor.id === visitor.id)) return;
    items.value = items.value.map((row) =>
      row.visitor.id === visitor.id ? { ...row, visitor } : row,
    );
  }

  function dispose(): void {
    clearTimeout(countsTimer);
    clearTimeout(searchTimer);
    generation++;
  }

  return {
    tab,
    assignedToMe,
    newMine,
    search,
    searching,
    items,
    total,
    hasMore,
    loading,
    loadingMore,
    error,
    counts,
    countsError,
    refresh,
    loadMore,
    refreshCounts,
    scheduleCounts,
    selectTab,
    trackMine,
    dismissAssigned,
    setSearch,
    applyConversation,
    applyMessage,
    applyVisitor,
    dispose,
  };
}

export type Inbox = ReturnType<typeof createInbox>;
