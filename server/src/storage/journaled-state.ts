/**
 * The persistence engine under LowdbStore: a MemoryState that is loaded from db.json plus the
 * journals, changed only through `commit` (apply in memory, append to the fsync'ed journal), and
 * compacted into a new db.json in the background once a journal grows past a threshold.
 */
import { mkdir } from 'node:fs/promises';
import { lockDataDir, type DataDirLock } from './data-dir-lock';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { writeFileAtomic } from './durable-fs';
import { Journal } from './journal';
import { deleteJournalsBefore, journalPath, listJournals, readJournal } from './journal-files';
import {
  emptySnapshot,
  isJournalRecord,
  MemoryState,
  type JournalRecord,
  type Snapshot,
} from './memory-state';

/** When to compact, and whom to tell when a compaction fails. */
export interface CompactionOptions {
  /** Compact once the current journal holds this many records (default 5,000). */
  compactAfterRecords?: number;
  /** Compact once the current journal holds this many bytes (default 8 MB). */
  compactAfterBytes?: number;
  /** Told when a background compaction fails; the journals still hold everything meanwhile. */
  onCompactionError?: (error: unknown) => void;
  /** Told what a start dropped: a journal's last line torn by a crash (never acknowledged). */
  onWarning?: (message: string) => void;
}

/** A MemoryState made durable by a journal and db.json snapshots in one directory. */
export class JournaledState {
  readonly #dir: string;
  readonly #dbPath: string;
  readonly #compactAfterRecords: number;
  readonly #compactAfterBytes: number;
  readonly #onCompactionError: (error: unknown) => void;
  readonly #onWarning: (message: string) => void;
  readonly #db: Low<Snapshot>;
  #state = new MemoryState();
  #generation = 0;
  #journal: Journal | null = null;
  #open = false;
  #lock: DataDirLock | null = null;
  #lastAck: Promise<void> = Promise.resolve();
  #compaction: Promise<void> | null = null;
  #compactionError: unknown = null;

  constructor(dir: string, options: CompactionOptions = {}) {
    this.#dir = dir;
    this.#dbPath = join(dir, 'db.json');
    this.#compactAfterRecords = options.compactAfterRecords ?? 5_000;
    this.#compactAfterBytes = options.compactAfterBytes ?? 8 * 1024 * 1024;
    this.#onCompactionError = options.onCompactionError ?? (() => undefined);
    this.#onWarning = options.onWarning ?? (() => undefined);
    // Not JSONFilePreset: it silently keeps data in memory when NODE_ENV=test.
    this.#db = new Low<Snapshot>(new JSONFile<Snapshot>(this.#dbPath), emptySnapshot());
  }

  /** The current data. Read it freely; change it only through {@link commit}. */
  get state(): MemoryState {
    return this.#state;
  }

  /** Loads db.json and replays the journals written after it. */
  async load(): Promise<void> {
    await mkdir(this.#dir, { recursive: true });
    this.#lock = await lockDataDir(this.#dir);
    try {
      await this.#replay();
    } catch (error) {
      // A start that fails here must not keep the directory from the next attempt in this process.
      await this.#lock.release();
      this.#lock = null;
      throw error;
    }
  }

  async #replay(): Promise<void> {
    try {
      await this.#db.read();
    } catch (error) {
      throw new Error(
        `${this.#dbPath} is damaged and cannot be read (${error instanceof Error ? error.message : String(error)}). ` +
          'Parley replaces it atomically, so this comes from outside Parley (a copy cut short, a failing disk): restore db.json from a backup.',
        { cause: error },
      );
    }
    const snapshot = this.#db.data;
    if (snapshot.format !== 1) {
      throw new Error(`${this.#dbPath} has unknown format ${String(snapshot.format)}`);
    }
    this.#state = MemoryState.fromSnapshot(snapshot);
    const journals = await listJournals(this.#dir);
    for (const file of journals) {
      if (file.generation < snapshot.generation) continue;
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
    this.#journal = new Journal(journalPath(this.#dir, this.#generation));
    this.#open = true;
    // Fold what was replayed into db.json now: the next appends then start a clean journal, never
    // one that ends in a line torn by a crash.
    if (journals.length > 0) await this.#compact();
  }

  /**
   * Applies a record in memory at once and journals it; resolves once it is durable. Records
   * become durable in commit order, so when one resolves every earlier one is durable too.
   */
  commit(record: JournalRecord): Promise<void> {
    if (!this.#open || !this.#journal) throw new Error('the lowdb store is not open');
    const journal = this.#journal;
    // Once a write failed, memory may hold records the disk lacks; stop before adding more.
    if (journal.failure !== null) throw journal.failure;
    this.#state.apply(record);
    this.#lastAck = journal.append(record);
    if (this.#isFull(journal) && !this.#compaction) this.#compaction = this.#compactInBackground();
    return this.#lastAck;
  }

  /**
   * Commits a record that removes data, then compacts at once: the removed data then no longer
   * sits in any journal or older db.json on disk.
   */
  async commitAndCompact(record: JournalRecord): Promise<void> {
    await this.commit(record);
    await this.whenIdle().catch(() => undefined);
    this.#compaction ??= this.#compactInBackground();
    await this.whenIdle();
  }

  /** Why the store refuses writes (a journal write failed, or it is not open), or null. */
  get failure(): string | null {
    if (!this.#open || !this.#journal) return 'the lowdb store is not open';
    const failure = this.#journal.failure;
    if (failure === null) return null;
    return `a journal write failed, so writes are refused until a restart: ${failure instanceof Error ? failure.message : String(failure)}`;
  }

  /** Resolves once everything committed so far is durable. */
  durable(): Promise<void> {
    return this.#lastAck;
  }

  /** Resolves when no background compaction is running; rejects with the last one's failure. */
  async whenIdle(): Promise<void> {
    while (this.#compaction) await this.#compaction;
    if (this.#compactionError !== null) throw this.#compactionError;
  }

  /** Waits for pending writes, then writes a final snapshot if anything is only in journals. */
  async close(): Promise<void> {
    if (!this.#open) return;
    this.#open = false;
    // A failed background compaction is retried just below, so its error is not final.
    await this.whenIdle().catch(() => undefined);
    if (this.#journal!.records > 0 || this.#compactionError !== null) await this.#compact();
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
      this.#onCompactionError(error);
    } finally {
      this.#compaction = null;
    }
  }

  #isFull(journal: Journal): boolean {
    return journal.records >= this.#compactAfterRecords || journal.bytes >= this.#compactAfterBytes;
  }

  /**
   * Starts a new journal generation and writes the state as of this instant to db.json, then
   * deletes the journals it replaces. The switch and the snapshot happen in one synchronous step,
   * so every record lands either in the snapshot or in the new journal, never in neither.
   */
  async #compact(): Promise<void> {
    const previous = this.#journal!;
    this.#generation += 1;
    const generation = this.#generation;
    const drained = previous.close();
    this.#journal = new Journal(journalPath(this.#dir, generation), drained);
    this.#db.data = this.#state.toSnapshot(generation);
    await drained;
    // Not this.#db.write(): lowdb renames its temp file into place without an fsync before the
    // rename, so a power cut could leave an empty db.json. The journals are deleted only once the
    // snapshot that replaces them is certainly on disk.
    await writeFileAtomic(this.#dbPath, JSON.stringify(this.#db.data, null, 2));
    await deleteJournalsBefore(this.#dir, generation);
  }
}
