/**
 * Long work on the main thread (a report, an export) done in slices that give the event loop back
 * between them, so it never holds up the relay's messages for long. A message passes through a
 * few turns (socket, journal, broadcast), so a slice this short keeps its delay to a few ms.
 */
import { setImmediate as nextTurnPromise } from 'node:timers/promises';

export const SLICE_MS = 3;

/** Resolves on the next turn of the event loop, after pending I/O. */
export function nextTurn(): Promise<void> {
  return nextTurnPromise();
}

/** A pause to call between items: it waits for the next turn once a slice has run its time. */
export function workSlices(sliceMs = SLICE_MS): () => Promise<void> {
  let sliceStart = performance.now();
  return async () => {
    if (performance.now() - sliceStart <= sliceMs) return;
    await nextTurn();
    sliceStart = performance.now();
  };
}
