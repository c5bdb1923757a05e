import { signal } from '@preact/signals';
import type { PageHistory } from '../platform/browser-history';

/** What the address says: the open conversation, or none. */
export type Route = { conversationId: string | null };

/**
 * The open conversation in the URL: `<base>conversations/<id>`. Opening one adds a history entry,
 * so Back and Forward move between conversations; a reload or a shared link reopens it.
 */
export function createRouter(deps: { history: PageHistory; base: string }) {
  const base = deps.base.endsWith('/') ? deps.base : `${deps.base}/`;
  const conversationId = signal<string | null>(parse(deps.history.path(), base));

  const stop = deps.history.onPop(() => {
    conversationId.value = parse(deps.history.path(), base);
  });

  /** Shows `id` in the address (a new history entry); `null` returns to the bare console. */
  function open(id: string | null): void {
    if (id === conversationId.value) return;
    conversationId.value = id;
    deps.history.push(format(id, base));
  }

  /** Forgets the conversation without a new history entry (on sign-out). */
  function clear(): void {
    if (conversationId.value === null) return;
    conversationId.value = null;
    deps.history.replace(format(null, base));
  }

  return { conversationId, open, clear, dispose: stop };
}

export type Router = ReturnType<typeof createRouter>;

function parse(path: string, base: string): string | null {
  const prefix = `${base}conversations/`;
  if (!path.startsWith(prefix)) return null;
  const rest = path.slice(prefix.length).replace(/\/$/, '');
  if (rest === '' || rest.includes('/')) return null;
  try {
    return decodeURIComponent(rest);
  } catch {
    return null;
  }
}

function format(id: string | null, base: string): string {
  return id === null ? base : `${base}conversations/${encodeURIComponent(id)}`;
}
