import { signal } from '@preact/signals';
import type { Conversation, ConversationSummary } from '@parley/shared';
import type { ApiClient } from '../api/api-client';
import { asRequestError, type RequestError } from '../api/request-error';

/** How many earlier conversations the sidebar lists. */
const HISTORY_LIMIT = 20;

/** A visitor's earlier conversations, for the sidebar beside the open one. */
export function createVisitorHistory(deps: { api: Pick<ApiClient, 'listConversations'> }) {
  const visitorId = signal<string | null>(null);
  const items = signal<ConversationSummary[]>([]);
  const total = signal(0);
  const loading = signal(false);
  const error = signal<RequestError | null>(null);
  let generation = 0;

  async function load(id: string): Promise<void> {
    const mine = ++generation;
    visitorId.value = id;
    loading.value = true;
    error.value = null;
    try {
      const page = await deps.api.listConversations({ visitorId: id, limit: HISTORY_LIMIT });
      if (mine !== generation) return;
      items.value = page.items;
      total.value = page.total;
    } catch (caught) {
      if (mine === generation) error.value = asRequestError(caught);
    } finally {
      if (mine === generation) loading.value = false;
    }
  }

  /** Loads the visitor's history unless it is already shown. */
  function show(id: string): void {
    if (visitorId.value !== id) void load(id);
  }

  /** A listed conversation changed (a rating arrived, it closed): show the new state. */
  function applyConversation(conversation: Conversation): void {
    if (!items.value.some((row) => row.conversation.id === conversation.id)) return;
    items.value = items.value.map((row) =>
      row.conversation.id === conversation.id ? { ...row, conversation } : row,
    );
  }

  return { visitorId, items, total, loading, error, show, reload: load, applyConversation };
}

export type VisitorHistory = ReturnType<typeof createVisitorHistory>;
