/**
 * Runs tasks one at a time per key (a conversation, a visitor, a site's queue), so that two events
 * racing for the same thing — two agents taking one chat, two tabs sending a first message — are
 * decided in order instead of both winning.
 */
export class KeyedLock {
  private readonly tails = new Map<string, Promise<unknown>>();

  /** Runs `task` after every earlier task with the same key has settled. */
  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const next = previous.then(task, task);
    // Settles either way, so the next task runs; the last one out removes the key.
    const forget = () => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    };
    const tail: Promise<void> = next.then(forget, forget);
    this.tails.set(key, tail);
    return next;
  }
}
