/**
 * Contract cases for the files beside the store: the sweep of uploads never sent, and the files
 * canned replies keep and copy into each conversation they are sent in.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { expect, it } from 'vitest';
import type { FileCopy, NewFile, StoredFile, Uploader } from '../files/file-store';
import type { ContractContext } from './store-contract-context';
import { at, id } from './store-contract-fixtures';
import type { Store } from './store';

const MAX_BYTES = 1024 * 1024;

function newFile(
  createdAt: string,
  siteId: string,
  uploader: Uploader = { visitorId: id('visitor') },
): NewFile {
  return {
    id: randomUUID(),
    secret: randomBytes(24).toString('base64url'),
    siteId,
    uploader,
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

/** The bytes' digest, or null when the file is gone: comparing whole buffers is slow. */
async function digestOf(store: Store, fileId: string): Promise<string | null> {
  const bytes = await bytesOf(store, fileId);
  return bytes && sha256(bytes);
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** An agent's upload, as a canned reply's files are. */
const byAgent = (createdAt: string, siteId: string) =>
  newFile(createdAt, siteId, { agentId: id('agent') });

/** What a send makes of a canned reply's file: a copy of its own in the conversation. */
function newCopy(): FileCopy {
  return {
    id: randomUUID(),
    secret: randomBytes(24).toString('base64url'),
    uploader: { agentId: id('agent') },
    createdAt: at(500),
  };
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

  it('files a canned reply keeps outlive the sweep, are never sent themselves, and go when the reply lets them go', async () => {
    const store = ctx.store();
    const siteId = id('site');
    const reply = id('canned');
    const bytes = randomBytes(3000);
    const [kept, alsoKept, loose] = await Promise.all(
      [0, 1, 2].map((minute) => save(store, byAgent(at(minute), siteId), bytes)),
    );
    expect(await store.files.keepForCannedReply([kept!.id, alsoKept!.id], reply)).toBe(true);
    // All or none: one of them kept by another reply, so the other stays loose.
    expect(await store.files.keepForCannedReply([loose!.id, kept!.id], id('canned'))).toBe(false);
    expect((await store.files.get(loose!.id))?.cannedReplyId).toBeNull();
    // Saving the reply again with the same files keeps them on.
    expect(await store.files.keepForCannedReply([kept!.id, alsoKept!.id], reply)).toBe(true);

    expect(await store.files.deleteUnattachedBefore(at(60))).toBe(1);
    let after = await ctx.reopen();
    expect(await after.files.get(loose!.id)).toBeNull();
    expect((await after.files.get(kept!.id))?.cannedReplyId).toBe(reply);
    expect(await bytesOf(after, kept!.id)).toEqual(bytes);
    // A message gets a copy; the reply's own file is never bound to a conversation.
    expect(await after.files.attach([kept!.id], id('conversation'))).toEqual([]);
    expect(await after.files.keepForCannedReply([kept!.id], id('canned'))).toBe(false);

    await after.files.deleteOfCannedReply(reply, [alsoKept!.id]);
    after = await ctx.reopen();
    expect(await after.files.get(kept!.id)).toBeNull();
    expect(await after.files.read(kept!.id)).toBeNull();
    expect(await bytesOf(after, alsoKept!.id)).toEqual(bytes);
    await after.files.deleteOfCannedReply(reply, []);
    expect(await after.files.get(alsoKept!.id)).toBeNull();
    expect(await (await ctx.reopen()).files.get(alsoKept!.id)).toBeNull();
  });

  it('sending a canned reply file copies it into the conversation: deleting either side keeps the other', async () => {
    const store = ctx.store();
    const siteId = id('site');
    const reply = id('canned');
    // Over 256 KB: more than one chunk where the bytes are stored in chunks.
    const bytes = randomBytes(600 * 1024);
    const digest = sha256(bytes);
    const original = await save(store, byAgent(at(0), siteId), bytes);
    expect(await store.files.keepForCannedReply([original.id], reply)).toBe(true);
    const [first, second] = [id('conversation'), id('conversation')];
    const firstCopy = newCopy();

    const copy = await store.files.copyToConversation(original.id, firstCopy, first);
    expect(copy).toEqual({
      ...firstCopy,
      siteId,
      name: original.name,
      type: original.type,
      size: bytes.length,
      conversationId: first,
      cannedReplyId: null,
    });
    expect(copy?.secret).not.toBe(original.secret);
    expect(await digestOf(store, firstCopy.id)).toBe(digest);
    // The same send again (a resent message) finds its copy rather than making another.
    expect(
      await store.files.copyToConversation(original.id, { ...newCopy(), id: firstCopy.id }, first),
    ).toEqual(copy);
    const secondCopy = await store.files.copyToConversation(original.id, newCopy(), second);
    expect(secondCopy?.conversationId).toBe(second);
    // Copies are sent files: the sweep leaves them.
    expect(await store.files.deleteUnattachedBefore(at(10_000))).toBe(0);

    await store.files.deleteForConversations([first]);
    let after = await ctx.reopen();
    expect(await after.files.get(firstCopy.id)).toBeNull();
    expect(await digestOf(after, original.id)).toBe(digest);
    expect(await digestOf(after, secondCopy!.id)).toBe(digest);

    await after.files.deleteOfCannedReply(reply, []);
    after = await ctx.reopen();
    expect(await after.files.get(original.id)).toBeNull();
    expect(await digestOf(after, secondCopy!.id)).toBe(digest);
    // Nothing left to copy from: a later send is refused, an earlier one's copy still found.
    expect(
      await after.files.copyToConversation(original.id, newCopy(), id('conversation')),
    ).toBeNull();
    expect(
      (
        await after.files.copyToConversation(
          original.id,
          { ...newCopy(), id: secondCopy!.id },
          second,
        )
      )?.id,
    ).toBe(secondCopy!.id);
  });

  it('one canned reply file sent into many conversations at once gets one whole copy in each', async () => {
    const store = ctx.store();
    const siteId = id('site');
    const reply = id('canned');
    const bytes = randomBytes(300 * 1024);
    const digest = sha256(bytes);
    const original = await save(store, byAgent(at(0), siteId), bytes);
    expect(await store.files.keepForCannedReply([original.id], reply)).toBe(true);
    const sends = Array.from({ length: 12 }, () => ({
      conversationId: id('conversation'),
      copy: newCopy(),
    }));

    // Each send twice at once (a retry racing the first try): both get the same copy.
    const copies = await Promise.all(
      sends.flatMap(({ conversationId, copy }) => [
        store.files.copyToConversation(original.id, copy, conversationId),
        store.files.copyToConversation(original.id, { ...newCopy(), id: copy.id }, conversationId),
      ]),
    );
    for (const [index, { conversationId, copy }] of sends.entries()) {
      expect(copies[2 * index]).toEqual(copies[2 * index + 1]);
      expect(copies[2 * index]).toMatchObject({ id: copy.id, conversationId, size: bytes.length });
      expect(await digestOf(store, copy.id)).toBe(digest);
    }

    // The reply deleted while it is being sent: each copy is whole, or none was made.
    const late = Array.from({ length: 8 }, () => ({
      conversationId: id('conversation'),
      copy: newCopy(),
    }));
    const [, ...raced] = await Promise.all([
      store.files.deleteOfCannedReply(reply, []),
      ...late.map(({ conversationId, copy }) =>
        store.files.copyToConversation(original.id, copy, conversationId),
      ),
    ]);
    const after = await ctx.reopen();
    for (const [index, { copy }] of late.entries())
      expect(await digestOf(after, copy.id)).toBe(raced[index] ? digest : null);
    expect(await after.files.get(original.id)).toBeNull();
    for (const { copy } of sends) expect(await digestOf(after, copy.id)).toBe(digest);
  });
}
