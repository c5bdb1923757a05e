/**
 * "(2) Page title" while the tab is hidden and agent messages are unread; the page's own title
 * comes back when the visitor returns. If the page changes its title meanwhile, that one wins.
 */
export interface TitleBadge {
  update(unread: number, hidden: boolean): void;
  /** The page's title without our prefix (for page views). */
  pageTitle(): string;
}

/** A title badge for `doc`. */
export function createTitleBadge(doc: Document): TitleBadge {
  let original: string | null = null;
  let shown: string | null = null;

  return {
    update(unread, hidden) {
      if (shown !== null && doc.title !== shown) {
        // The page set a title of its own while ours was up: that is now the one to restore.
        original = doc.title;
        shown = null;
      }
      if (hidden && unread > 0) {
        original ??= doc.title;
        shown = `(${unread}) ${original}`;
        if (doc.title !== shown) doc.title = shown;
      } else if (original !== null) {
        if (shown !== null) doc.title = original;
        original = null;
        shown = null;
      }
    },
    pageTitle() {
      return shown !== null && doc.title === shown ? (original ?? doc.title) : doc.title;
    },
  };
}
