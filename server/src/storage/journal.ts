/**
 * An append-only NDJSON file with group commit: records appended while a write is in flight (or
 * in the same tick) go out together with one write and one fdatasync, so concurrent writers share
 * a disk flush instead of queueing one flush each.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fsyncDirectory } from './durable-fs';

interface PendingRecord {
  line: string;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** One journal file being appended to. The file is created on the first append. */
export class Journal {
  /** Records appended so far, written or still pending. */
  records = 0;
  /** Bytes appended so far, written or still pending. */
  bytes = 0;
  readonly #path: string;
  readonly #after: Promise<unknown>;
  #handle: FileHandle | null = null;
  #queue: PendingRecord[] = [];
  #flushing: Promise<void> | null = null;
  #failure: unknown = null;
  #closed = false;

  /**
   * `after` settles when the previous journal is drained: nothing here is written before that,
   * so a record is never durable while an earlier one is not. If it rejects, so does every append.
   */
  constructor(path: string, after: Promise<unknown> = Promise.resolve()) {
    this.#path = path;
    this.#after = after;
    // The rejection is reported through this journal's appends, not as an unhandled rejection.
    after.catch(() => undefined);
  }

  /** The error that stopped this journal, or null while it works. */
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

  /** Waits until everything appended so far is durable; rejects if a write failed. */
  async drain(): Promise<void> {
    while (this.#flushing) await this.#flushing;
    if (this.#failure !== null) throw this.#failure;
  }

  /** Drains, then releases the file. Later appends are refused. */
  async close(): Promise<void> {
    this.#closed = true;
    try {
      await this.drain();
    } finally {
      await this.#handle?.close();
      this.#handle = null;
    }
  }

  async #flush(): Promise<void> {
    try {
      // The first await also lets every append of the current tick join the first batch.
      await this.#after;
      const handle = await this.#file();
      while (this.#queue.length > 0) {
        const batch = this.#queue;
        this.#queue = [];
        try {
          await writeAll(handle, Buffer.from(batch.map((pending) => pending.line).join('')));
          await handle.datasync();
        } catch (error) {
          this.#fail(error, batch);
          return;
        }
        for (const pending of batch) pending.resolve();
      }
    } catch (error) {
      this.#fail(error, []);
    } finally {
      this.#flushing = null;
    }
  }

  async #file(): Promise<FileHandle> {
    if (this.#handle) return this.#handle;
    this.#handle = await open(this.#path, 'a');
    // The new file's directory entry must be durable too, or a power cut could lose the file.
    await fsyncDirectory(dirname(this.#path));
    return this.#handle;
  }

  // After a failed write the file's tail is unknown, so the journal refuses everything from
  // then on (fail-stop) rather than acknowledge records that might follow a hole.
  #fail(error: unknown, batch: PendingRecord[]): void {
    this.#failure = error;
    for (const pending of [...batch, ...this.#queue]) pending.reject(error);
    this.#queue = [];
  }
}

async function writeAll(handle: FileHandle, buffer: Buffer): Promise<void> {
  let offset = 0;
  while (offset < buffer.length) {
    const { bytesWritten } = await handle.write(buffer, offset, buffer.length - offset, null);
    offset += bytesWritten;
  }
}
