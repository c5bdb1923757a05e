import { spawn } from 'node:child_process';
import { appendFile, cp, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { listJournals } from './journal-files';
import { LowdbStore, type LowdbStoreOptions } from './lowdb-store';
import type { Snapshot } from './memory-state';
import { describeStoreContract } from './store.contract';
import {
  allParagraphs,
  loadFixtureTexts,
  makeConversation,
  makeMessage,
  makeSite,
} from './store-contract-fixtures';

const SERVER_DIR = fileURLToPath(new URL('../../', import.meta.url));
const KILL_CHILD = fileURLToPath(new URL('./kill-child.fixture.ts', import.meta.url));

const tempDirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'parley-lowdb-'));
  tempDirs.push(dir);
  return dir;
}
afterEach(async () => {
  await Promise.all(tempDirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function openStore(dir: string, options?: LowdbStoreOptions): Promise<LowdbStore> {
  const store = new LowdbStore(dir, options);
  await store.init();
  return store;
}

function contractHarness(options?: LowdbStoreOptions) {
  return async () => {
    const dir = await mkdtemp(join(tmpdir(), 'parley-lowdb-contract-'));
    let store = await openStore(dir, options);
    return {
      store,
      reopen: async () => {
        await store.close();
        return (store = await openStore(dir, options));
      },
      cleanup: async () => {
        await store.close();
        await rm(dir, { recursive: true, force: true });
      },
    };
  };
}

describeStoreContract('lowdb', contractHarness());
// The same contract while compactions run between almost every pair of mutations.
describeStoreContract(
  'lowdb compacting every 3 records',
  contractHarness({ compactAfterRecords: 3 }),
);

/** A store with one conversation, and that conversation's id. */
async function storeWithConversation(dir: string, options?: LowdbStoreOptions) {
  const store = await openStore(dir, options);
  const site = await store.createSite(makeSite());
  const conversation = await store.createConversation(makeConversation(site.id, 'visitor_1'));
  return { store, conversationId: conversation.id };
}

/** A copy of the data directory as it is now, as a crash would leave it. */
async function crashImage(dir: string): Promise<string> {
  const image = await tempDir();
  await cp(dir, image, { recursive: true });
  return image;
}

const readSnapshot = async (dir: string, name = 'db.json'): Promise<Snapshot> =>
  JSON.parse(await readFile(join(dir, name), 'utf8')) as Snapshot;

describe('LowdbStore on disk', () => {
  it('keeps every acknowledged message when the process is killed with SIGKILL mid-stream', async () => {
    const dir = await tempDir();
    const setup = await storeWithConversation(dir);
    await setup.store.close();

    const child = spawn(
      process.execPath,
      ['--import', 'tsx', KILL_CHILD, dir, setup.conversationId, '150'],
      {
        cwd: SERVER_DIR,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const acks: { seq: number; clientId: string; text: string }[] = [];
    let stderr = '';
    let pending = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      const lines = (pending + chunk.toString()).split('\n');
      pending = lines.pop()!;
      for (const line of lines) acks.push(JSON.parse(line));
      if (acks.length >= 600) child.kill('SIGKILL');
    });
    const signal = await new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_, sig) => resolve(sig)),
    );
    expect(signal, stderr).toBe('SIGKILL');

    const store = await openStore(dir);
    const messages = await store.listMessages(setup.conversationId);
    expect(messages.map((m) => m.seq)).toEqual(messages.map((_, i) => i + 1));
    expect(messages.length).toBeGreaterThanOrEqual(Math.max(...acks.map((ack) => ack.seq)));
    for (const ack of acks) {
      expect(messages[ack.seq - 1]).toMatchObject(ack);
    }
    expect((await store.getConversation(setup.conversationId))!.lastSeq).toBe(messages.length);
    await store.close();
  }, 60_000);

  it('ignores a torn last journal line and keeps appending after it', async () => {
    const dir = await tempDir();
    const { store, conversationId } = await storeWithConversation(dir);
    for (let i = 0; i < 5; i++)
      await store.appendMessage(makeMessage(conversationId, `Tin nhắn ${i}`));
    const image = await crashImage(dir);
    await store.close();
    const [journal] = await listJournals(image);
    await appendFile(
      journal!.path,
      '{"op":"message","message":{"id":"msg_torn","conversationId":"',
    );

    const recovered = await openStore(image);
    expect((await recovered.listMessages(conversationId)).map((m) => m.text)).toEqual(
      [0, 1, 2, 3, 4].map((i) => `Tin nhắn ${i}`),
    );
    expect(
      (await recovered.appendMessage(makeMessage(conversationId, 'Tin nhắn 5'))).message.seq,
    ).toBe(6);
    await recovered.close();
    const reopened = await openStore(image);
    expect(await reopened.listMessages(conversationId)).toHaveLength(6);
    await reopened.close();
  });

  it('refuses to load a journal damaged before its last line', async () => {
    const dir = await tempDir();
    const { store, conversationId } = await storeWithConversation(dir);
    await store.appendMessage(makeMessage(conversationId, 'Dzień dobry'));
    const image = await crashImage(dir);
    await store.close();
    const [journal] = await listJournals(image);
    const lines = (await readFile(journal!.path, 'utf8')).split('\n');
    lines[1] = lines[1]!.slice(0, 10);
    await appendFile(journal!.path, '', { flag: 'w' });
    await appendFile(journal!.path, lines.join('\n'));
    await expect(openStore(image)).rejects.toThrow(/damaged at line 2/);
  });

  it('compacts past the threshold: old journals are deleted and everything survives', async () => {
    const dir = await tempDir();
    const { store, conversationId } = await storeWithConversation(dir, { compactAfterRecords: 25 });
    const paragraphs = allParagraphs(await loadFixtureTexts());
    for (let batch = 0; batch < 10; batch++) {
      await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          store.appendMessage(
            makeMessage(conversationId, `${paragraphs[batch * 10 + i]} #${batch * 10 + i}`),
          ),
        ),
      );
    }
    await store.whenIdle();
    const snapshot = await readSnapshot(dir);
    // 102 records at 25 per journal: at least two compactions, and what is left fits in one journal.
    expect(snapshot.generation).toBeGreaterThanOrEqual(2);
    // Kept: the journals written since db.prev.json (a fallback replays them), none older.
    const previous = await readSnapshot(dir, 'db.prev.json');
    expect(previous.generation).toBeLessThan(snapshot.generation);
    const journals = await listJournals(dir);
    expect(journals.every((journal) => journal.generation >= previous.generation)).toBe(true);
    expect(journals.length).toBeLessThanOrEqual(snapshot.generation - previous.generation + 1);
    const current = journals.find((journal) => journal.generation === snapshot.generation);
    if (current) {
      expect((await readFile(current.path, 'utf8')).split('\n').length - 1).toBeLessThan(25);
    }

    const expected = Array.from({ length: 100 }, (_, i) => `${paragraphs[i]} #${i}`);
    const recovered = await openStore(await crashImage(dir));
    expect((await recovered.listMessages(conversationId)).map((m) => m.text)).toEqual(expected);
    await recovered.close();
    await store.close();
    const reopened = await openStore(dir);
    expect((await reopened.listMessages(conversationId)).map((m) => m.text)).toEqual(expected);
    // Everything is in db.json; what journals remain only serve a fall back to db.prev.json.
    const { generation } = await readSnapshot(dir);
    expect((await listJournals(dir)).every((journal) => journal.generation < generation)).toBe(
      true,
    );
    await reopened.close();
  });

  it('compacts once the journal passes its byte threshold', async () => {
    const dir = await tempDir();
    const { store, conversationId } = await storeWithConversation(dir, {
      compactAfterBytes: 8 * 1024,
    });
    for (const text of allParagraphs(await loadFixtureTexts()).slice(0, 40)) {
      await store.appendMessage(makeMessage(conversationId, text));
    }
    await store.whenIdle();
    expect((await readSnapshot(dir)).generation).toBeGreaterThanOrEqual(1);
    expect(await store.listMessages(conversationId)).toHaveLength(40);
    await store.close();
  });

  it('a store larger than the byte threshold compacts once its journal holds as much as db.json', async () => {
    const dir = await tempDir();
    const paragraphs = allParagraphs(await loadFixtureTexts());
    const { store, conversationId } = await storeWithConversation(dir, {
      compactAfterBytes: 2 * 1024,
    });
    let appended = 0;
    // Appended together, so that one fdatasync covers each batch (group commit).
    const appendBatch = (count: number) =>
      Promise.all(
        Array.from({ length: count }, () =>
          store.appendMessage(
            makeMessage(conversationId, paragraphs[appended++ % paragraphs.length]!),
          ),
        ),
      );
    // Grow the state well past the threshold; whatever compactions that takes, db.json ends big.
    for (let batch = 0; batch < 6; batch++) await appendBatch(20);
    await store.whenIdle();
    const grown = (await stat(join(dir, 'db.json'))).size;
    expect(grown).toBeGreaterThan(4 * 2 * 1024);
    const generation = (await readSnapshot(dir)).generation;
    const journalBytes = async () => {
      const newest = (await listJournals(dir)).at(-1);
      return newest ? ((await stat(newest.path).catch(() => null))?.size ?? 0) : 0;
    };

    // Past 2 KB of journal but short of db.json's size: no compaction.
    while ((await journalBytes()) < grown / 2) await appendBatch(2);
    await store.whenIdle();
    expect((await readSnapshot(dir)).generation).toBe(generation);
    // Once the journal holds about as much as db.json, it is folded in.
    while ((await readSnapshot(dir)).generation === generation) {
      await appendBatch(2);
      await store.whenIdle();
      expect(appended).toBeLessThan(2_000);
    }
    expect(await store.listMessages(conversationId)).toHaveLength(appended);
    await store.close();
  });

  it('does not rewrite db.json when messages are appended below the threshold', async () => {
    const dir = await tempDir();
    const first = await storeWithConversation(dir);
    await first.store.close();
    const dbPath = join(dir, 'db.json');
    const before = await stat(dbPath);
    const contentBefore = await readFile(dbPath, 'utf8');

    const store = await openStore(dir);
    for (let i = 0; i < 100; i++)
      await store.appendMessage(makeMessage(first.conversationId, `Wiadomość ${i}`));
    const after = await stat(dbPath);
    expect([after.ino, after.size, after.mtimeMs]).toEqual([
      before.ino,
      before.size,
      before.mtimeMs,
    ]);
    expect(await readFile(dbPath, 'utf8')).toBe(contentBefore);
    const journal = (await listJournals(dir)).at(-1);
    expect((await readFile(journal!.path, 'utf8')).trimEnd().split('\n')).toHaveLength(100);
    await store.close();
  });
});
