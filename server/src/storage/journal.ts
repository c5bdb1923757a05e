/**
 * An append-only NDJSON file with group commit: records appended while a write is in flight (or
 * in the same tick) go out together with one write and one fdatasync, so concurrent writers share
 * a disk flush instead of queueing one flush each.
 *
 * When the disk refuses a write (full, read-only, failing), the journal stops accepting records and
 * retries in the background: it cuts the file back to its last durable byte, writes what failed
 * again, and resumes once that is durable. No restart is needed when space returns.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fsyncDirectory } from './durable-fs';

interface PendingRecord {
  line: string;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** How a journal reports that its disk failed and came back. */
export interface JournalOptions {
  /** Settles when the previous journal is drained; see the constructor. */
  after?: Promise<unknown>;
  /** How long to wait between attempts to write again after a failure (default 1 s). */
  retryMs?: number;
  /** Told once per failure, with the error the disk gave. */
  onFailure?: (error: unknown) => void;
  /** Told when a retry succeeded and records are accepted again. */
  onRecovery?: () => void;
}

/** One journal file being appended to. The file is created on the first append. */
export class Journal {
  /** Records appended so far, written or still pending. */
  records = 0;
  /** Bytes appended so far, written or still pending. */
  bytes = 0;
  readonly #path: string;
  readonly #after: Promise<unknown>;
  readonly #retryMs: number;
  readonly #onFailure: (error: unknown) => void;
  readonly #onRecovery: () => void;
  #handle: FileHandle | null = null;
  #opened = false;
  #queue: PendingRecord[] = [];
  #flushing: Promise<void> | null = null;
  #failure: unknown = null;
  /**
   * Lines whose writers were told the write failed, while the records stay applied in memory: the
   * retry writes them first, so the file ends up holding exactly what memory holds.
   */
  #unwritten: string[] = [];
  /** The file's length after the last fdatasync that succeeded; a failed write's tail is cut back to it. */
  #durableBytes = 0;
  #retryTimer: NodeJS.Timeout | null = null;
  #recoveryWaiters: { resolve: () => void; reject: (error: unknown) => void }[] = [];
  /** Set by {@link abandon} (a shutdown while failed) or when the previous journal was abandoned. */
  #abandoned = false;
  #closed = false;

  /**
   * `after` settles when the previous journal is drained: nothing here is written before that,
   * so a record is never durable while an earlier one is not. If it rejects, so does every append.
   */
  constructor(path: string, options: JournalOptions = {}) {
    this.#path = path;
    this.#after = options.after ?? Promise.resolve();
    this.#retryMs = options.retryMs ?? 1_000;
    this.#onFailure = options.onFailure ?? (() => undefined);
    this.#onRecovery = options.onRecovery ?? (() => undefined);
    // The rejection is reported through this journal's appends, not as an unhandled rejection.
    this.#after.catch(() => undefined);
  }

  /** The error that stopped this journal until a retry succeeds, or null while it works. */
  get failure(): unknown {
    return this.#failure;
  }

  /** Queues one record; resolves once it is written and fdatasync'ed. */
  append(record: unknown): Promise<void> {
    if (this.#failure !== null) return Promise.reject(this.#failure);
    if (this.#closed) return Promise.reject(new Error(`journal ${this.#path} is closed`));
    const line = `${JSON.stringify(record)}\n`;
    this.records += 1;
    this.bytes += Buffer.byteLength(line);
    return new Promise<void>((resolve, reject) => {
      this.#queue.push({ line, resolve, reject });
      this.#flushing ??= this.#flush();
    });
  }

  /**
   * Waits until everything appended so far is durable, through failures and their retries;
   * rejects only once the journal is abandoned.
   */
  async drain(): Promise<void> {
    for (;;) {
      if (this.#flushing) await this.#flushing;
      else if (this.#failure !== null) await this.#recovered();
      else return;
    }
  }

  /** Drains, then releases the file. Later appends are refused. */
  async close(): Promise<void> {
    this.#closed = true;
    try {
      await this.drain();
    } finally {
      await this.#release();
    }
  }

  /**
   * Gives up on a failed journal (a shutdown that cannot wait for the disk): stops retrying and
   * rejects whoever waits for it. Records that never became durable were never acknowledged.
   */
  abandon(): void {
    if (this.#failure === null) return;
    this.#abandoned = true;
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    this.#retryTimer = null;
    for (const waiter of this.#recoveryWaiters.splice(0)) waiter.reject(this.#failure);
  }

  #recovered(): Promise<void> {
    if (this.#abandoned) return Promise.reject(this.#failure);
    return new Promise((resolve, reject) => this.#recoveryWaiters.push({ resolve, reject }));
  }

  async #flush(): Promise<void> {
    try {
      try {
        // The first await also lets every append of the current tick join the first batch.
        await this.#after;
      } catch (error) {
        // The previous journal will never be durable, so nothing here may be, in order.
        this.#abandoned = true;
        this.#fail(error, []);
        return;
      }
      while (this.#queue.length > 0) {
        const batch = this.#queue;
        this.#queue = [];
        const data = Buffer.from(batch.map((pending) => pending.line).join(''));
        try {
          const handle = await this.#file();
          await writeAll(handle, data);
          await handle.datasync();
        } catch (error) {
          this.#fail(error, batch);
          return;
        }
        this.#durableBytes += data.length;
        for (const pending of batch) pending.resolve();
      }
    } finally {
      this.#flushing = null;
    }
  }

  async #file(): Promise<FileHandle> {
    if (this.#handle) return this.#handle;
    const handle = await open(this.#path, 'a');
    try {
      // The new file's directory entry must be durable too, or a power cut could lose the file.
      await fsyncDirectory(dirname(this.#path));
      if (!this.#opened) this.#durableBytes = (await handle.stat()).size;
    } catch (error) {
      await handle.close().catch(() => undefined);
      throw error;
    }
    this.#opened = true;
    this.#handle = handle;
    return handle;
  }

  async #release(): Promise<void> {
    const handle = this.#handle;
    this.#handle = null;
    await handle?.close();
  }

  // Memory already holds these records; their writers are told "not stored" and nothing more is
  // accepted until a retry has written them, so no record is acknowledged after a hole.
  #fail(error: unknown, batch: PendingRecord[]): void {
    const refused = [...batch, ...this.#queue];
    this.#queue = [];
    this.#unwritten.push(...refused.map((pending) => pending.line));
    const first = this.#failure === null;
    this.#failure = error;
    for (const pending of refused) pending.reject(error);
    if (first) this.#onFailure(error);
    if (this.#abandoned) this.abandon();
    else this.#scheduleRetry();
  }

  #scheduleRetry(): void {
    this.#retryTimer = setTimeout(() => void this.#retry(), this.#retryMs);
  }

  async #retry(): Promise<void> {
    this.#retryTimer = null;
    try {
      const handle = await this.#file();
      // A write cut short by the failure may have left part of a line; cut back to the last
      // durable byte so the file never holds a torn line in its middle.
      await handle.truncate(this.#durableBytes);
      const data = Buffer.from(this.#unwritten.join(''));
      await writeAll(handle, data);
      await handle.datasync();
      this.#durableBytes += data.length;
    } catch (error) {
      // A handle that failed may be unusable (EIO); the next attempt opens the file again.
      await this.#release().catch(() => undefined);
      this.#failure = error;
      if (!this.#abandoned) this.#scheduleRetry();
      return;
    }
    this.#unwritten = [];
    this.#failure = null;
    this.#onRecovery();
    for (const waiter of this.#recoveryWaiters.splice(0)) waiter.resolve();
  }
}

async function writeAll(handle: FileHandle, buffer: Buffer): Promise<void> {
  let offset = 0;
  while (offset < buffer.length) {
    const { bytesWritten } = await handle.write(buffer, offset, buffer.length - offset, null);
    offset += bytesWritten;
  }
}
