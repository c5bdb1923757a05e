/** Contract cases for the files beside the store: the sweep of uploads never sent. */
import { randomBytes, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { expect, it } from 'vitest';
import type { NewFile, StoredFile } from '../files/file-store';
import type { ContractContext } from './store-contract-context';
import { at, id } from './store-contract-fixtures';
import type { Store } from './store';

const MAX_BYTES = 1024 * 1024;

function newFile(createdAt: string, siteId: string): NewFile {
  return {
    id: randomUUID(),
    secret: randomBytes(24).toString('base64url'),
    siteId,
    uploader: { visitorId: id('visitor') },
    name: 'hoá đơn.pdf',
    type: 'application/pdf',
    createdAt,
  };
}

async function save(store: Store, file: NewFile, bytes: Buffer): Promise<StoredFile> {
  return store.files.save(file, Readable.from([bytes]), MAX_BYTES);
}

async function bytesOf(store: Store, fileId: string): Promise<Buffer | null> {
  const stream = await store.files.read(fileId);
  if (!stream) return null;
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(part as Buffer);
  return Buffer.concat(parts);
}

/** Registers the cases; call inside a `describe`. */
export function filesContract(ctx: ContractContext): void {
  it('the sweep deletes only files never sent and uploaded before the cutoff, for good', async () => {
    const store = ctx.store();
    const siteId = id('site');
    const bytes = randomBytes(3000);
    const oldUnsent = await save(store, newFile(at(0), siteId), bytes);
    const oldSent = await save(store, newFile(at(1), siteId), bytes);
    const recentUnsent = await save(store, newFile(at(120), siteId), bytes);
    await store.files.attach([oldSent.id], id('conversation'));

    expect(await store.files.deleteUnattachedBefore(at(60))).toBe(1);
    expect(await store.files.deleteUnattachedBefore(at(60))).toBe(0);

    const after = await ctx.reopen();
    expect(await after.files.get(oldUnsent.id)).toBeNull();
    expect(await after.files.read(oldUnsent.id)).toBeNull();
    // Gone means it cannot be sent either.
    expect(await after.files.attach([oldUnsent.id], id('conversation'))).toEqual([]);
    expect(await bytesOf(after, oldSent.id)).toEqual(bytes);
    expect(await bytesOf(after, recentUnsent.id)).toEqual(bytes);
    expect((await after.files.get(recentUnsent.id))?.conversationId).toBeNull();
  });

  it('a file sent while the sweep runs is either sent and kept, or gone and refused', async () => {
    const store = ctx.store();
    const siteId = id('site');
    const bytes = randomBytes(500);
    for (let round = 0; round < 20; round++) {
      const files = await Promise.all(
        [0, 1, 2, 3].map(() => save(store, newFile(at(round), siteId), bytes)),
      );
      const conversationId = id('conversation');
      const [bound] = await Promise.all([
        store.files.attach(
          files.map((f) => f.id),
          conversationId,
        ),
        store.files.deleteUnattachedBefore(at(1000)),
      ]);
      for (const file of files) {
        const wasBound = bound.some((b) => b.id === file.id);
        const stored = await store.files.get(file.id);
        expect(stored?.conversationId ?? null, `round ${round}`).toBe(
          wasBound ? conversationId : null,
        );
        expect(await bytesOf(store, file.id)).toEqual(wasBound ? bytes : null);
      }
    }
    // Nothing is left unsent: every file went one way or the other.
    expect(await store.files.deleteUnattachedBefore(at(1000))).toBe(0);
  });
}
