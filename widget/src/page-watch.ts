/**
 * Notices in-page navigation without patching `history` (the page's globals are not ours): the
 * Navigation API where it exists, `popstate` and `hashchange` everywhere. No polling.
 */
import type { PageView } from '@parley/shared';

interface NavigationLike {
  addEventListener(type: 'currententrychange', listener: () => void): void;
  removeEventListener(type: 'currententrychange', listener: () => void): void;
}

// Single-page apps usually set the new title just after changing the URL.
const TITLE_SETTLE_MS = 300;

/** Calls `onPage` once per new URL; returns a function that stops watching. */
export function watchPage(
  win: Window,
  currentPage: () => PageView,
  onPage: (page: PageView) => void,
): () => void {
  let lastUrl = win.location.href;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const changed = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      const page = currentPage();
      if (page.url === lastUrl) return;
      lastUrl = page.url;
      onPage(page);
    }, TITLE_SETTLE_MS);
  };
  const navigation = (win as Window & { navigation?: NavigationLike }).navigation;
  navigation?.addEventListener('currententrychange', changed);
  win.addEventListener('popstate', changed);
  win.addEventListener('hashchange', changed);
  return () => {
    clearTimeout(timer);
    navigation?.removeEventListener('currententrychange', changed);
    win.removeEventListener('popstate', changed);
    win.removeEventListener('hashchange', changed);
  };
}
