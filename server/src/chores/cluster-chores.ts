/**
 * Timers that act on shared data run on one relay of the cluster at a time: each round first
 * takes (or renews) a lease in the store; a relay that dies stops renewing and another takes
 * over once the lease expires. The chores themselves also only make conditional changes, so a
 * round that overlaps a takeover does no harm.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from '../logger';
import type { Store } from '../storage/store';

/** One periodic chore. */
export interface Chore {
  name: string;
  everyMs: number;
  run: () => Promise<unknown>;
}

const LEASE = 'chores';
/** Long enough to outlast a slow round, short enough for a quick takeover. */
const LEASE_TTL_MS = 9_000;

/** Starts the chores; returns what stops them (waiting for a running round to finish). */
export function startChores(store: Store, chores: Chore[], logger: Logger): () => Promise<void> {
  const holder = randomUUID();
  let stopped = false;
  const running = new Set<Promise<void>>();
  const timers = chores.map((chore) => {
    let busy = false;
    const timer = setInterval(() => {
      if (busy || stopped) return;
      busy = true;
      const round = (async () => {
        try {
          if (await store.acquireLease(LEASE, holder, LEASE_TTL_MS)) await chore.run();
        } catch (error) {
          logger.error({ err: error, chore: chore.name }, 'chore failed');
        } finally {
          busy = false;
        }
      })();
      running.add(round);
      const forget = () => running.delete(round);
      round.then(forget, forget);
    }, chore.everyMs);
    timer.unref();
    return timer;
  });
  return async () => {
    stopped = true;
    for (const timer of timers) clearInterval(timer);
    await Promise.all(running);
  };
}
