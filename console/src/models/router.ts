import { computed, signal } from '@preact/signals';
import type { PageHistory } from '../platform/browser-history';

/**
 * What the address says: the inbox with its open conversation (or none) and whether its visitor's
 * details are shown in its place (`visitor`, on narrow screens), or the reports page with its
 * filters (`search` is the query string without the `?`).
 */
export type Route =
  | { page: 'inbox'; conversationId: string | null; visitor?: boolean }
  | { page: 'reports'; search: string };

/**
 * The address bar: `<base>conversations/<id>` for an open conversation (`…/visitor` with its
 * visitor's details in its place) and `<base>reports?<filters>` for a report. Each change adds a history entry, so Back and Forward move between them; a reload
 * or a shared link opens the same thing again.
 */
export function createRouter(deps: { history: PageHistory; base: string }) {
  const base = deps.base.endsWith('/') ? deps.base : `${deps.base}/`;
  const route = signal<Route>(parseRoute(deps.history.path(), base));
  const conversationId = computed(() =>
    route.value.page === 'inbox' ? route.value.conversationId : null,
  );

  const stop = deps.history.onPop(() => {
    route.value = parseRoute(deps.history.path(), base);
  });

  function go(next: Route, entry: 'push' | 'replace'): void {
    const path = formatRoute(next, base);
    if (path === formatRoute(route.value, base)) return;
    route.value = next;
    deps.history[entry](path);
  }

  /** Shows `id` in the address (a new history entry); `null` returns to the bare console. */
  function open(id: string | null): void {
    if (route.value.page === 'inbox' && id === route.value.conversationId) return;
    go({ page: 'inbox', conversationId: id }, 'push');
  }

  /** Shows the open conversation's visitor details in its place, or the conversation again. */
  function showVisitor(visitor: boolean): void {
    const current = route.value;
    if (current.page !== 'inbox' || current.conversationId === null) return;
    go(
      { page: 'inbox', conversationId: current.conversationId, ...(visitor ? { visitor } : {}) },
      'push',
    );
  }

  /** Shows the reports page with `search` as its filters (a new history entry). */
  function openReports(search: string): void {
    go({ page: 'reports', search }, 'push');
  }

  /** Forgets the conversation or report without a new history entry (on sign-out). */
  function clear(): void {
    go({ page: 'inbox', conversationId: null }, 'replace');
  }

  /** The address of a conversation, for links the agent may open in another tab. */
  function conversationHref(id: string): string {
    return formatRoute({ page: 'inbox', conversationId: id }, base);
  }

  /** The address of the reports page with `search` as its filters. */
  function reportsHref(search = ''): string {
    return formatRoute({ page: 'reports', search }, base);
  }

  return {
    route,
    conversationId,
    open,
    showVisitor,
    openReports,
    clear,
    conversationHref,
    reportsHref,
    dispose: stop,
  };
}

export type Router = ReturnType<typeof createRouter>;

function parseRoute(address: string, base: string): Route {
  const queryAt = address.indexOf('?');
  const path = queryAt === -1 ? address : address.slice(0, queryAt);
  const search = queryAt === -1 ? '' : address.slice(queryAt + 1);
  if (path.replace(/\/$/, '') === `${base}reports`) return { page: 'reports', search };
  return parseInbox(path, base);
}

function parseInbox(path: string, base: string): Route {
  const none: Route = { page: 'inbox', conversationId: null };
  const prefix = `${base}conversations/`;
  if (!path.startsWith(prefix)) return none;
  const rest = path.slice(prefix.length).replace(/\/$/, '');
  const visitor = rest.endsWith('/visitor');
  const id = visitor ? rest.slice(0, -'/visitor'.length) : rest;
  if (id === '' || id.includes('/')) return none;
  try {
    const conversationId = decodeURIComponent(id);
    return visitor ? { page: 'inbox', conversationId, visitor } : { page: 'inbox', conversationId };
  } catch {
    return none;
  }
}

function formatRoute(route: Route, base: string): string {
  if (route.page === 'reports') return `${base}reports${route.search ? `?${route.search}` : ''}`;
  const id = route.conversationId;
  if (id === null) return base;
  return `${base}conversations/${encodeURIComponent(id)}${route.visitor ? '/visitor' : ''}`;
}
