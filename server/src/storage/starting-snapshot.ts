/**
 * Which snapshot a start begins from: db.json when it is usable; else db.prev.json (the snapshot
 * before it, whose journals are kept), with a warning naming the damaged file, which is moved
 * aside; else a stop that says what to do. No db.json and no db.prev.json is a new store.
 */
import { rename } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fsyncDirectory } from './durable-fs';
import { emptySnapshot, type Snapshot } from './memory-state';
import { readSnapshotFile } from './snapshot-file';

/** The file db.json was before the last compaction. */
export const PREVIOUS_SNAPSHOT = 'db.prev.json';

/** The snapshot to replay the journals onto, and what is on disk now. */
export interface StartingSnapshot {
  snapshot: Snapshot;
  /** The generation of the db.json on disk, or null when there is none (new, or moved aside). */
  snapshotGeneration: number | null;
  /** The generation of db.prev.json when the start fell back to it, else null (not read). */
  previousGeneration: number | null;
}

/** Reads the snapshot a start of the store in `dir` begins from; `onWarning` hears a fall back. */
export async function startingSnapshot(
  dir: string,
  onWarning: (message: string) => void,
  now = new Date(),
): Promise<StartingSnapshot> {
  const dbPath = join(dir, 'db.json');
  const previousPath = join(dir, PREVIOUS_SNAPSHOT);
  const current = await readSnapshotFile(dbPath);
  if (current.kind === 'ok') {
    const { snapshot } = current;
    return { snapshot, snapshotGeneration: snapshot.generation, previousGeneration: null };
  }
  if (current.kind === 'unknown-format') {
    throw new Error(`${dbPath} has unknown format ${String(current.format)}`);
  }
  const previous = await readSnapshotFile(previousPath);
  if (previous.kind === 'missing' && current.kind === 'missing') {
    // A new store: nothing was ever compacted, so the journals (if any) hold everything.
    return { snapshot: emptySnapshot(), snapshotGeneration: null, previousGeneration: null };
  }
  const why = current.kind === 'missing' ? 'is missing' : `is damaged (${current.reason})`;
  if (previous.kind !== 'ok') {
    const fallback =
      previous.kind === 'missing'
        ? `there is no ${PREVIOUS_SNAPSHOT} to start from instead`
        : `${previousPath} cannot be used either (${previous.kind === 'damaged' ? previous.reason : `unknown format ${String(previous.format)}`})`;
    throw new Error(
      `${dbPath} ${why} and cannot be read, and ${fallback}. ` +
        'Parley replaces it atomically, so this comes from outside Parley (a copy cut short, a failing disk): restore db.json from a backup.',
    );
  }
  let aside = '';
  if (current.kind === 'damaged') {
    // Kept for whoever investigates; the compaction at the end of this start writes a new db.json.
    const kept = `${dbPath}.damaged-${now.toISOString().replace(/[:.]/g, '-')}`;
    await rename(dbPath, kept);
    await fsyncDirectory(dirname(dbPath));
    aside = `; the damaged file is kept as ${kept}`;
  }
  onWarning(
    `${dbPath} ${why}: started from ${previousPath} and the journals written since it, so nothing acknowledged is lost${aside}`,
  );
  return {
    snapshot: previous.snapshot,
    snapshotGeneration: null,
    previousGeneration: previous.snapshot.generation,
  };
}
