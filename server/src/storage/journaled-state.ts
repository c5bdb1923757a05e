/**
 * The persistence engine under LowdbStore: a MemoryState that is loaded from db.json plus the
 * journals, changed only through `commit` (apply in memory, append to the fsync'ed journal), and
 * compacted into a new db.json in the background once a journal grows past a threshold.
 *
 * The snapshot before the current one is kept as db.prev.json, with the journals written since
 * it, so a db.json damaged from outside starts from db.prev.json plus those journals instead.
 */
import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ParleyError } from '@parley/shared';
import { lockDataDir, type DataDirLock } from './data-dir-lock';
import { replaceWithLink, writeFileAtomic } from './durable-fs';
import { Journal } from './journal';
import { deleteJournalsBefore, journalPath, listJournals, readJournal } from './journal-files';
import { isJournalRecord, MemoryState, type JournalRecord } from './memory-state';
import { snapshotChunks, type SliceOptions } from './snapshot-file';
import { PREVIOUS_SNAPSHOT, startingSnapshot } from './starting-snapshot';

/** When to compact, how, and whom to tell about what happens in the background. */
export interface CompactionOptions {
  /** Compact once the current journal holds this many records (default 100,000). */
  compactAfterRecords?: number;
  /**
   * Compact once the current journal holds this many bytes (default 8 MB), or as many as the last
   * db.json if that is larger: each compaction writes the whole state, so a store that grows
   * compacts less often and the writing costs about the same per record however large it is.
   */
  compactAfterBytes?: number;
  /** How a compaction shares the event loop while it writes db.json. */
  slicing?: SliceOptions;
  /** How long to wait between attempts to write again after the disk refused (default 1 s). */
  journalRetryMs?: number;
  /** Told when a background compaction fails; the journals still hold everything meanwhile. */
  onCompactionError?: (error: unknown) => void;
  /**
   * Told what a start dropped or fell back from (a torn journal line, a damaged db.json), and
   * when journal writes fail and recover.
   */
  onWarning?: (message: string) => void;
}

/** How long after a failed compaction the next one may start. */
const COMPACTION_RETRY_MS = 10_000;

const describeError = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** A MemoryState made durable by a journal and db.json snapshots in one directory. */
export class JournaledState {
  readonly #dir: string;
  readonly #dbPath: string;
  readonly #previousPath: string;
  readonly #compactAfterRecords: number;
  readonly #compactAfterBytes: number;
  readonly #slicing: SliceOptions;
  readonly #journalRetryMs: number;
  readonly #onCompactionError: (error: unknown) => void;
  readonly #onWarning: (message: string) => void;
  #state = new MemoryState();
  #generation = 0;
  #journal: Journal | null = null;
  /** The journal a running compaction is draining; a failure there refuses writes too. */
  #draining: Journal | null = null;
  /** The generation of the db.json on disk, or null when there is none (yet, or it was damaged). */
  #snapshotGeneration: number | null = null;
  /** The generation of db.prev.json, or null when there is none: journals from it on are kept. */
  #previousGeneration: number | null = null;
  #open = false;
  #lock: DataDirLock | null = null;
  #lastAck: Promise<void> = Promise.resolve();
  #compaction: Promise<void> | null = null;
  #compactionError: unknown = null;
  /** After a failed compaction (a full disk), none starts again before this time (ms epoch). */
  #nextCompactionAt = 0;
  /** How large the last db.json this process wrote is, in bytes (UTF-16 units, near enough). */
  #snapshotSize = 0;

  constructor(dir: string, options: CompactionOptions = {}) {
    this.#dir = dir;
    this.#dbPath = join(dir, 'db.json');
    this.#previousPath = join(dir, PREVIOUS_SNAPSHOT);
    this.#compactAfterRecords = options.compactAfterRecords ?? 100_000;
    this.#compactAfterBytes = options.compactAfterBytes ?? 8 * 1024 * 1024;
    this.#slicing = options.slicing ?? {};
    this.#journalRetryMs = options.journalRetryMs ?? 1_000;
    this.#onCompactionError = options.onCompactionError ?? (() => undefined);
    this.#onWarning = options.onWarning ?? (() => undefined);
  }

  /** The current data. Read it freely; change it only through {@link commit}. */
  get state(): MemoryState {
    return this.#state;
  }

  /** Loads db.json (or db.prev.json when db.json is damaged) and replays the journals after it. */
  async load(): Promise<void> {
    await mkdir(this.#dir, { recursive: true });
    this.#lock = await lockDataDir(this.#dir);
    try {
      await this.#replay();
      // A start that found no journal wrote no db.json: take the size of the one it read.
      this.#snapshotSize ||= (await stat(this.#dbPath).catch(() => null))?.size ?? 0;
    } catch (error) {
      // A start that fails here must not keep the directory from the next attempt in this process.
      await this.#lock.release();
      this.#lock = null;
      throw error;
    }
  }

  async #replay(): Promise<void> {
    const start = await startingSnapshot(this.#dir, this.#onWarning);
    const { snapshot } = start;
    this.#snapshotGeneration = start.snapshotGeneration;
    this.#previousGeneration = start.previousGeneration;
    this.#state = MemoryState.fromSnapshot(snapshot);
    // Older journals are kept for a fall back to db.prev.json; what db.json holds is skipped.
    const journals = (await listJournals(this.#dir)).filter(
      (file) => file.generation >= snapshot.generation,
    );
    for (const file of journals) {
      const records = await readJournal(file.path, (torn) =>
        this.#onWarning(
          `${file.path}: dropped its last line ${torn.line} (${torn.bytes} bytes starting ${torn.preview}), a write cut by a crash and never acknowledged`,
        ),
      );
      for (const [index, record] of records.entries()) {
        if (!isJournalRecord(record)) {
          throw new Error(`${file.path} record ${index + 1} is not a journal record`);
        }
        this.#state.apply(record);
      }
    }
    this.#generation = Math.max(snapshot.generation, ...journals.map((file) => file.generation));
    this.#journal = this.#newJournal(this.#generation);
    this.#open = true;
    // Fold what was replayed into db.json now: the next appends then start a clean journal, never
    // one that ends in a line torn by a crash. Without a db.json (a new store, or a start from
    // db.prev.json) one is written at once, so there is always a snapshot to fall back to.
    if (journals.length > 0 || this.#snapshotGeneration === null) await this.#compact();
  }

  #newJournal(generation: number, after?: Promise<unknown>): Journal {
    const path = journalPath(this.#dir, generation);
    return new Journal(path, {
      after,
      retryMs: this.#journalRetryMs,
      onFailure: (error) =>
        this.#onWarning(
          `${path}: a journal write failed (${describeError(error)}); writes are refused and retried every ${this.#journalRetryMs} ms`,
        ),
      onRecovery: () => this.#onWarning(`${path}: journal writes succeed again`),
    });
  }

  /**
   * Applies a record in memory at once and journals it; resolves once it is durable. Records
   * become durable in commit order, so when one resolves every earlier one is durable too.
   * While the disk refuses writes, throws STORE_UNAVAILABLE before changing anything.
   */
  commit(record: JournalRecord): Promise<void> {
    if (!this.#open || !this.#journal) throw new Error('the lowdb store is not open');
    const journal = this.#journal;
    // Once a write failed, memory may hold records the disk lacks; accept no more until the
    // journal's retry has written them.
    const failure = this.#writeFailure();
    if (failure !== null) throw storeUnavailable(failure);
    this.#state.apply(record);
    this.#lastAck = journal.append(record).catch((error: unknown) => {
      throw storeUnavailable(error);
    });
    if (this.#isFull(journal) && !this.#compaction && Date.now() >= this.#nextCompactionAt)
      this.#compaction = this.#compactInBackground();
    return this.#lastAck;
  }

  /**
   * Commits a record that removes data, then compacts twice at once: the removed data then no
   * longer sits in any journal, in db.json or in db.prev.json.
   */
  async commitAndCompact(record: JournalRecord): Promise<void> {
    await this.commit(record);
    for (let round = 0; round < 2; round += 1) {
      await this.whenIdle().catch(() => undefined);
      this.#compaction ??= this.#compactInBackground();
      await this.whenIdle();
    }
  }

  #writeFailure(): unknown {
    return this.#draining?.failure ?? this.#journal?.failure ?? null;
  }

  /** Why the store refuses writes (a journal write failed, or it is not open), or null. */
  get failure(): string | null {
    if (!this.#open || !this.#journal) return 'the lowdb store is not open';
    const failure = this.#writeFailure();
    if (failure === null) return null;
    return `a journal write failed, so writes are refused until a retry succeeds (every ${this.#journalRetryMs} ms): ${describeError(failure)}`;
  }

  /**
   * Resolves once everything committed so far is durable; throws STORE_UNAVAILABLE while the disk
   * refuses writes.
   */
  async durable(): Promise<void> {
    const failure = this.#writeFailure();
    if (failure !== null) throw storeUnavailable(failure);
    try {
      await this.#lastAck;
    } catch (error) {
      // A write refused earlier has been written by the journal's retry once no failure remains.
      if (this.#writeFailure() !== null) throw error;
    }
  }

  /** Resolves when no background compaction is running; rejects with the last one's failure. */
  async whenIdle(): Promise<void> {
    while (this.#compaction) await this.#compaction;
    if (this.#compactionError !== null) throw this.#compactionError;
  }

  /**
   * Waits for pending writes, then writes a final snapshot if anything is only in journals. A
   * journal the disk still refuses is given up: what it could not write was never acknowledged.
   */
  async close(): Promise<void> {
    if (!this.#open) return;
    this.#open = false;
    const failed = this.#writeFailure() !== null;
    if (failed) {
      this.#draining?.abandon();
      this.#journal!.abandon();
    }
    // A failed background compaction is retried just below, so its error is not final.
    await this.whenIdle().catch(() => undefined);
    if (!failed && (this.#journal!.records > 0 || this.#compactionError !== null))
      await this.#compact();
    else await this.#journal!.close().catch(() => undefined);
    await this.#lock?.release();
    this.#lock = null;
  }

  async #compactInBackground(): Promise<void> {
    try {
      // Records keep arriving during a compaction; if they already fill the new journal, go again.
      do await this.#compact();
      while (this.#open && this.#isFull(this.#journal!));
      this.#compactionError = null;
    } catch (error) {
      this.#compactionError = error;
      // Each attempt writes the whole state; on a full disk, not once per commit.
      this.#nextCompactionAt = Date.now() + COMPACTION_RETRY_MS;
      this.#onCompactionError(error);
    } finally {
      this.#compaction = null;
    }
  }

  #isFull(journal: Journal): boolean {
    return (
      journal.records >= this.#compactAfterRecords ||
      journal.bytes >= Math.max(this.#compactAfterBytes, this.#snapshotSize)
    );
  }

  /**
   * Starts a new journal generation and writes the state as of this instant to db.json, keeping
   * the db.json it replaces as db.prev.json, then deletes the journals older than db.prev.json.
   * The switch and the snapshot happen in one synchronous step, so every record lands either in
   * the snapshot or in the new journal, never in neither.
   */
  async #compact(): Promise<void> {
    const previous = this.#journal!;
    this.#generation += 1;
    const generation = this.#generation;
    const drained = previous.close();
    this.#draining = previous;
    this.#journal = this.#newJournal(generation, drained);
    const snapshot = this.#state.toSnapshot(generation);
    try {
      await drained;
    } finally {
      if (this.#draining === previous) this.#draining = null;
    }
    if (this.#snapshotGeneration !== null) {
      await replaceWithLink(this.#dbPath, this.#previousPath);
      this.#previousGeneration = this.#snapshotGeneration;
      this.#snapshotGeneration = null;
    }
    // Not lowdb's write: it renames its temp file into place without an fsync before the rename,
    // so a power cut could leave an empty db.json. The fsync of the directory here also makes
    // db.prev.json durable. Journals are deleted only once both snapshots are certainly on disk.
    let size = 0;
    await writeFileAtomic(
      this.#dbPath,
      counted(snapshotChunks(snapshot, this.#slicing), (chunk) => (size += chunk.length)),
    );
    this.#snapshotSize = size;
    this.#snapshotGeneration = generation;
    await deleteJournalsBefore(this.#dir, this.#previousGeneration ?? generation);
  }
}

async function* counted(
  chunks: AsyncIterable<string>,
  count: (chunk: string) => void,
): AsyncGenerator<string> {
  for await (const chunk of chunks) {
    count(chunk);
    yield chunk;
  }
}

function storeUnavailable(cause: unknown): ParleyError {
  const error = new ParleyError(
    'STORE_UNAVAILABLE',
    'The relay cannot store data right now (its disk refused the write); nothing was acknowledged. Try again shortly.',
  );
  error.cause = cause;
  return error;
}
