import { describe, expect, it } from 'vitest';
import { createTitleBadge } from './title-badge';

describe('unread count in the page title', () => {
  it('shows the count while the tab is hidden and restores the title after', () => {
    document.title = 'Shoes – Acme';
    const badge = createTitleBadge(document);
    badge.update(2, true);
    expect(document.title).toBe('(2) Shoes – Acme');
    expect(badge.pageTitle()).toBe('Shoes – Acme');
    badge.update(3, true);
    expect(document.title).toBe('(3) Shoes – Acme');
    badge.update(0, false);
    expect(document.title).toBe('Shoes – Acme');
  });

  it('leaves the title alone while the tab is visible', () => {
    document.title = 'Home';
    const badge = createTitleBadge(document);
    badge.update(4, false);
    expect(document.title).toBe('Home');
  });

  it('keeps a title the page set meanwhile instead of restoring the old one', () => {
    document.title = 'Cart';
    const badge = createTitleBadge(document);
    badge.update(1, true);
    document.title = 'Checkout';
    badge.update(1, false);
    expect(document.title).toBe('Checkout');
  });
});
