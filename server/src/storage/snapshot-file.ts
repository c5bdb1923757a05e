/**
 * db.json on disk: written as compact JSON in slices that give the event loop back between them
 * (a relay holding 100,000 conversations keeps answering while it compacts), and read back with
 * a verdict on whether it is usable. Whitespace is the only difference from a one-shot
 * JSON.stringify, so files pretty-printed by older releases read the same.
 */
import { readFile } from 'node:fs/promises';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Snapshot, SnapshotSource } from './memory-state';

/** How the serializer shares the thread. */
export interface SliceOptions {
  /** Most milliseconds of serializing before the event loop gets a turn (default 4). */
  sliceMs?: number;
  /** Most characters handed to a write at once (default 1 MiB). */
  chunkChars?: number;
}

/** How many array items are serialized between two looks at the clock. */
const ITEMS_PER_CLOCK_CHECK = 64;

/**
 * `snapshot` as JSON text, in chunks. After each chunk the caller's write awaits the disk, and
 * when the slice's time is spent the generator also waits for the next event-loop turn, so
 * timers and sockets are served between slices. `snapshot` must not change meanwhile: its arrays
 * are copies, the message lists are cut at a fixed length, and the objects in them are never
 * mutated in place. Arrays and other iterables are written as JSON arrays.
 */
export async function* snapshotChunks(
  snapshot: Snapshot | SnapshotSource,
  options: SliceOptions = {},
): AsyncGenerator<string> {
  const sliceMs = options.sliceMs ?? 4;
  const chunkChars = options.chunkChars ?? 1024 * 1024;
  let parts: string[] = [];
  let size = 0;
  let sliceStart = performance.now();
  const push = (text: string) => {
    parts.push(text);
    size += text.length;
  };
  const take = (): string => {
    const chunk = parts.join('');
    parts = [];
    size = 0;
    return chunk;
  };

  push('{');
  let firstKey = true;
  for (const [key, value] of Object.entries(snapshot)) {
    if (value === undefined) continue;
    push(`${firstKey ? '' : ','}${JSON.stringify(key)}:`);
    firstKey = false;
    if (typeof value !== 'object' || value === null || !(Symbol.iterator in value)) {
      push(JSON.stringify(value));
      continue;
    }
    push('[');
    let index = 0;
    for (const item of value as Iterable<unknown>) {
      // As JSON.stringify does inside arrays: what has no JSON form becomes null.
      push(`${index === 0 ? '' : ','}${JSON.stringify(item) ?? 'null'}`);
      if (size >= chunkChars) yield take();
      if (index % ITEMS_PER_CLOCK_CHECK === 0 && performance.now() - sliceStart >= sliceMs) {
        if (size > 0) yield take();
        await nextTurn();
        sliceStart = performance.now();
      }
      index += 1;
    }
    push(']');
  }
  push('}');
  yield take();
}

/** What reading a db.json found. */
export type SnapshotRead =
  | { kind: 'ok'; snapshot: Snapshot }
  | { kind: 'missing' }
  /** Not JSON, or JSON without a snapshot's shape: cut short, overwritten, not ours. */
  | { kind: 'damaged'; reason: string }
  /** A snapshot of a format this release does not know (written by a newer one). */
  | { kind: 'unknown-format'; format: unknown };

/** Reads and checks one snapshot file. */
export async function readSnapshotFile(path: string): Promise<SnapshotRead> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    throw error;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { kind: 'damaged', reason: error instanceof Error ? error.message : String(error) };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { kind: 'damaged', reason: 'it is not a JSON object' };
  }
  const candidate = value as Record<string, unknown>;
  if (candidate['format'] !== 1 && typeof candidate['format'] === 'number') {
    return { kind: 'unknown-format', format: candidate['format'] };
  }
  const lists = ['sites', 'agents', 'visitors', 'conversations', 'messages', 'cannedReplies'];
  const generation = candidate['generation'];
  if (
    candidate['format'] !== 1 ||
    typeof generation !== 'number' ||
    !Number.isSafeInteger(generation) ||
    generation < 0 ||
    !lists.every((key) => Array.isArray(candidate[key])) ||
    !Array.isArray(candidate['settings'])
  ) {
    return { kind: 'damaged', reason: 'it does not have the shape of a Parley snapshot' };
  }
  return { kind: 'ok', snapshot: value as Snapshot };
}
