/**
 * The embedded FileStore: each file is `files/<id>` with its description in `files/<id>.json`,
 * under DATA_DIR. Ids are the relay's own UUIDs, never a name from the upload. A file is written
 * to `<id>.part`, fsync'ed, renamed and the directory fsync'ed before its description is written
 * (atomically), so after a crash a description always has its whole file; leftovers without one
 * are deleted on start.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fsyncDirectory, fsyncFile, writeFileAtomic } from '../storage/durable-fs';
import { byteLimit } from './byte-limit';
import type { FileCopy, FileStore, NewFile, StoredFile } from './file-store';

const ID = /^[0-9a-f-]{36}$/;

/** Neither sent nor kept by a canned reply: the sweep's and a message's to take. */
const isLoose = (file: StoredFile | undefined) =>
  file !== undefined && file.conversationId === null && file.cannedReplyId === null;

export class DiskFileStore implements FileStore {
  readonly #dir: string;
  readonly #files = new Map<string, StoredFile>();
  /** Copies being written, by the copy's id: a second request for one waits for the first. */
  readonly #copying = new Map<string, Promise<StoredFile | null>>();

  constructor(dataDir: string) {
    this.#dir = join(dataDir, 'files');
  }

  /** Loads the descriptions and deletes what a crash left half written; LowdbStore.init calls it. */
  async init(): Promise<void> {
    await mkdir(this.#dir, { recursive: true });
    const names = await readdir(this.#dir);
    for (const name of names.filter((n) => n.endsWith('.json') && !n.endsWith('.tmp'))) {
      const file = JSON.parse(await readFile(join(this.#dir, name), 'utf8')) as StoredFile;
      // Described before canned replies kept files.
      this.#files.set(file.id, { ...file, cannedReplyId: file.cannedReplyId ?? null });
    }
    // An upload cut by a crash, or a file whose description never got written: nobody has it.
    for (const name of names) {
      const id = name.replace(/\.(part|json\.tmp)$/, '');
      if (
        name.endsWith('.part') ||
        name.endsWith('.tmp') ||
        (ID.test(name) && !this.#files.has(id))
      )
        await rm(join(this.#dir, name), { force: true });
    }
  }

  #path(id: string): string {
    if (!ID.test(id)) throw new Error(`not a file id: ${id}`);
    return join(this.#dir, id);
  }

  async save(file: NewFile, content: Readable, maxBytes: number): Promise<StoredFile> {
    const path = this.#path(file.id);
    const limit = byteLimit(maxBytes);
    try {
      await pipeline(content, limit, createWriteStream(`${path}.part`));
      await fsyncFile(`${path}.part`);
      await rename(`${path}.part`, path);
      await fsyncDirectory(this.#dir);
    } catch (error) {
      await rm(`${path}.part`, { force: true });
      throw error;
    }
    const stored: StoredFile = {
      ...file,
      size: limit.bytes(),
      conversationId: null,
      cannedReplyId: null,
    };
    await this.#describe(stored);
    return stored;
  }

  async #describe(file: StoredFile): Promise<void> {
    await writeFileAtomic(`${this.#path(file.id)}.json`, JSON.stringify(file));
    this.#files.set(file.id, file);
  }

  async get(id: string): Promise<StoredFile | null> {
    return this.#files.get(id) ?? null;
  }

  async read(id: string): Promise<Readable | null> {
    if (!this.#files.has(id)) return null;
    return createReadStream(this.#path(id));
  }

  async attach(ids: string[], conversationId: string): Promise<StoredFile[]> {
    const bound: StoredFile[] = [];
    for (const id of ids) {
      const file = this.#files.get(id);
      if (
        !file ||
        file.cannedReplyId !== null ||
        (file.conversationId !== null && file.conversationId !== conversationId)
      )
        continue;
      if (file.conversationId === null) {
        // Claimed in memory before the write: a second attach in the meantime sees it taken.
        const claimed = { ...file, conversationId };
        this.#files.set(id, claimed);
        await this.#describe(claimed);
        bound.push(claimed);
      } else bound.push(file);
    }
    return bound;
  }

  async keepForCannedReply(ids: string[], cannedReplyId: string): Promise<boolean> {
    const files = [...new Set(ids)].map((id) => this.#files.get(id));
    const free = (file: StoredFile | undefined) =>
      isLoose(file) || (file?.conversationId === null && file.cannedReplyId === cannedReplyId);
    if (!files.every(free)) return false;
    // All claimed in memory before any write: the sweep and a send see them kept at once.
    const kept = files.map((file) => ({ ...file!, cannedReplyId }));
    for (const file of kept) this.#files.set(file.id, file);
    for (const file of kept) await this.#describe(file);
    return true;
  }

  async deleteOfCannedReply(cannedReplyId: string, keepIds: string[]): Promise<void> {
    const keep = new Set(keepIds);
    await this.#delete(
      [...this.#files.values()].filter((f) => f.cannedReplyId === cannedReplyId && !keep.has(f.id)),
    );
  }

  async copyToConversation(
    sourceId: string,
    copy: FileCopy,
    conversationId: string,
  ): Promise<StoredFile | null> {
    const existing = this.#files.get(copy.id);
    if (existing) return existing.conversationId === conversationId ? existing : null;
    const running = this.#copying.get(copy.id);
    if (running) return running;
    const copying = this.#copy(sourceId, copy, conversationId).finally(() =>
      this.#copying.delete(copy.id),
    );
    this.#copying.set(copy.id, copying);
    return copying;
  }

  async #copy(
    sourceId: string,
    copy: FileCopy,
    conversationId: string,
  ): Promise<StoredFile | null> {
    const source = this.#files.get(sourceId);
    if (!source || source.cannedReplyId === null) return null;
    const path = this.#path(copy.id);
    try {
      await copyFile(this.#path(sourceId), `${path}.part`);
      await fsyncFile(`${path}.part`);
      await rename(`${path}.part`, path);
      await fsyncDirectory(this.#dir);
    } catch (error) {
      await rm(`${path}.part`, { force: true });
      // Deleted with its reply before the copy could start: as if it had never been there.
      if (!this.#files.has(sourceId)) return null;
      throw error;
    }
    const stored: StoredFile = { ...source, ...copy, conversationId, cannedReplyId: null };
    await this.#describe(stored);
    return stored;
  }

  async deleteForConversations(conversationIds: string[]): Promise<void> {
    const gone = new Set(conversationIds);
    await this.#delete([...this.#files.values()].filter((f) => gone.has(f.conversationId ?? '')));
  }

  async deleteUnsentOf(visitorId: string): Promise<void> {
    await this.#delete(
      [...this.#files.values()].filter((f) => isLoose(f) && f.uploader.visitorId === visitorId),
      { unsentOnly: true },
    );
  }

  async deleteUnattachedBefore(before: string): Promise<number> {
    const cutoff = Date.parse(before);
    const old = [...this.#files.values()].filter(
      (f) => isLoose(f) && Date.parse(f.createdAt) < cutoff,
    );
    return this.#delete(old, { unsentOnly: true });
  }

  /**
   * Returns how many went; `unsentOnly` skips a file bound to a message or kept by a canned reply
   * since it was picked.
   */
  async #delete(files: StoredFile[], { unsentOnly = false } = {}): Promise<number> {
    let deleted = 0;
    for (const file of files) {
      // Checked and forgotten without awaiting between: attach claims in memory the same way.
      if (unsentOnly && !isLoose(this.#files.get(file.id))) continue;
      this.#files.delete(file.id);
      deleted += 1;
      await rm(`${this.#path(file.id)}.json`, { force: true });
      await rm(this.#path(file.id), { force: true });
    }
    if (deleted > 0) await fsyncDirectory(this.#dir);
    return deleted;
  }

  async close(): Promise<void> {}
}
