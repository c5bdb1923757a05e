import { INBOX_LISTING_MAX } from '@parley/shared';

/**
 * Tells the relay which conversations the inbox lists (`inbox:listing`), so the summaries it
 * sends this console are of those and of the queue only, not of every busy chat of the site.
 * Said once the list settles, only when it changed, and again after every reconnect: the relay
 * forgets it with the socket.
 */
export function createInboxListing(deps: {
  send: (conversationIds: string[]) => Promise<unknown>;
  /** Waits for the list to settle (a page arriving, rows moving) before saying it. */
  delayMs?: number;
}) {
  let wanted: string[] | null = null;
  let said: string | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;

  async function flush(): Promise<void> {
    if (wanted === null) return;
    const ids = wanted;
    const key = ids.join(',');
    if (key === said) return;
    said = key;
    try {
      await deps.send(ids);
    } catch {
      // Not connected: the next connect says it again.
      if (said === key) said = null;
    }
  }

  function schedule(): void {
    clearTimeout(timer);
    timer = setTimeout(() => void flush(), deps.delayMs ?? 200);
  }

  /** The inbox now lists these conversations, top first (the relay keeps the first ones). */
  function list(conversationIds: readonly string[]): void {
    // Sorted after the cut: a row moving up or down is no change to say.
    wanted = conversationIds.slice(0, INBOX_LISTING_MAX).sort();
    schedule();
  }

  /** A new socket: the relay knows nothing of this console's list. */
  function resay(): void {
    said = null;
    schedule();
  }

  function dispose(): void {
    clearTimeout(timer);
  }

  return { list, resay, dispose };
}
