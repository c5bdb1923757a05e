/** The part of the browser's history the console's router needs; tests pass an in-memory one. */
export interface PageHistory {
  /** The current path and query, e.g. `/console/conversations/abc` or `/console/reports?period=7d`. */
  path(): string;
  /** Adds an entry, so Back returns to the current one. */
  push(path: string): void;
  /** Changes the current entry without adding one. */
  replace(path: string): void;
  /** Calls `handler` when Back or Forward changes the path; returns the unsubscribe. */
  onPop(handler: () => void): () => void;
}

/** The console owns its page, so it may write the address bar and listen for Back and Forward. */
export function createBrowserHistory(): PageHistory {
  return {
    path: () => location.pathname + location.search,
    push: (path) => history.pushState(null, '', path),
    replace: (path) => history.replaceState(null, '', path),
    onPop(handler) {
      window.addEventListener('popstate', handler);
      return () => window.removeEventListener('popstate', handler);
    },
  };
}
