import { afterEach, describe, expect, it, vi } from 'vitest';
import { watchPage } from './page-watch';

afterEach(() => vi.useRealTimers());

describe('page views on in-page navigation', () => {
  it('reports each new URL once, after the title settles', () => {
    vi.useFakeTimers();
    const seen: string[] = [];
    const stop = watchPage(
      window,
      () => ({ url: window.location.href, title: document.title, referrer: '' }),
      (page) => seen.push(`${page.url} ${page.title}`),
    );
    history.pushState({}, '', '/shoes');
    window.dispatchEvent(new PopStateEvent('popstate'));
    document.title = 'Shoes';
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    vi.advanceTimersByTime(500);
    expect(seen).toEqual([`${window.location.origin}/shoes Shoes`]);

    window.dispatchEvent(new PopStateEvent('popstate'));
    vi.advanceTimersByTime(500);
    expect(seen).toHaveLength(1);
    stop();
  });

  it('does not touch history.pushState', () => {
    const before = history.pushState;
    const stop = watchPage(
      window,
      () => ({ url: '', title: '', referrer: '' }),
      () => {},
    );
    expect(history.pushState).toBe(before);
    stop();
  });
});
