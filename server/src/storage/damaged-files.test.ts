import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { journalPath } from './journal-files';
import { LowdbStore } from './lowdb-store';
import { repairDataDir } from './repair';

/** A data directory written by the release that pretty-printed db.json (kept in fixtures/). */
const PRETTY_DATA_DIR = fileURLToPath(
  new URL('../../../fixtures/data-dirs/pretty-db-json/', import.meta.url),
);

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

const record = (key: string) => `${JSON.stringify({ op: 'setting', key, value: key })}\n`;

/** A data directory with a db.json of one setting, and the name of its next journal. */
async function dataDir(): Promise<{ dir: string; journal: string }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'parley-damage-'));
  dirs.push(dir);
  const store = new LowdbStore(dir);
  await store.init();
  await store.setSetting('before', 'before');
  await store.close();
  const { generation } = JSON.parse(await readFile(path.join(dir, 'db.json'), 'utf8')) as {
    generation: number;
  };
  return { dir, journal: journalPath(dir, generation) };
}

async function open(dir: string, warnings: string[] = []): Promise<LowdbStore> {
  const store = new LowdbStore(dir, { onWarning: (message) => warnings.push(message) });
  await store.init();
  return store;
}

describe('a damaged data directory', () => {
  it('drops a journal line cut by a crash and says so', async () => {
    const { dir, journal } = await dataDir();
    await writeFile(journal, `${record('a')}${record('b')}{"op":"setting","ke`);
    const warnings: string[] = [];
    const store = await open(dir, warnings);
    expect(await store.getSetting('b')).toBe('b');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(journal);
    expect(warnings[0]).toContain('line 3');
    await store.close();
  });

  it('refuses to start on garbage in the middle of a journal, naming the file, the line and the repair', async () => {
    const { dir, journal } = await dataDir();
    await writeFile(journal, `${record('a')}#garbage#\n${record('c')}`);
    const failed = open(dir);
    await expect(failed).rejects.toThrow(journal);
    await expect(failed).rejects.toThrow(/line 2 .*repair/);
  });

  it('refuses to start on garbage appended after the last record', async () => {
    const { dir, journal } = await dataDir();
    await writeFile(journal, `${record('a')}not a record\n`);
    await expect(open(dir)).rejects.toThrow(/line 2/);
  });

  it('repair keeps a copy of the journal and starts with every readable record', async () => {
    const { dir, journal } = await dataDir();
    const original = `${record('a')}#garbage#\n${record('c')}{"torn`;
    await writeFile(journal, original);
    const report = await repairDataDir(dir);
    expect(report).toHaveLength(1);
    expect(report[0]).toContain('2, 4');
    const copies = (await readdir(dir)).filter((name) => name.includes('.damaged-'));
    expect(copies).toHaveLength(1);
    expect(await readFile(path.join(dir, copies[0]!), 'utf8')).toBe(original);
    const store = await open(dir);
    expect(await store.getSetting('before')).toBe('before');
    expect(await store.getSetting('a')).toBe('a');
    expect(await store.getSetting('c')).toBe('c');
    await store.close();
    expect(await repairDataDir(dir)).toEqual([]);
  });

  const damages: [string, (text: string) => string][] = [
    ['cut short', (text) => text.slice(0, text.length / 2)],
    ['overwritten with garbage', () => '\u0000\u0000#garbage#'],
  ];
  for (const [damage, damaged] of damages) {
    it(`starts from db.prev.json and the journals when db.json is ${damage}, naming the file`, async () => {
      const { dir } = await dataDir();
      const running = await open(dir);
      await running.setSetting('after', 'after');
      // A copy of the directory while the store runs: 'after' is acknowledged but only journaled.
      const image = await mkdtemp(path.join(os.tmpdir(), 'parley-damage-'));
      dirs.push(image);
      await cp(dir, image, { recursive: true });
      await running.close();
      const db = path.join(image, 'db.json');
      await writeFile(db, damaged(await readFile(db, 'utf8')));

      const warnings: string[] = [];
      const store = await open(image, warnings);
      expect(await store.getSetting('before')).toBe('before');
      expect(await store.getSetting('after')).toBe('after');
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toContain(`${db} is damaged`);
      expect(warnings[0]).toContain(path.join(image, 'db.prev.json'));
      const kept = (await readdir(image)).filter((name) => name.startsWith('db.json.damaged-'));
      expect(kept).toHaveLength(1);
      expect(warnings[0]).toContain(kept[0]);
      await store.close();

      const again: string[] = [];
      const reopened = await open(image, again);
      expect(await reopened.getSetting('after')).toBe('after');
      expect(again).toEqual([]);
      await reopened.close();
    });
  }

  it('refuses to start when db.json and db.prev.json are both damaged, naming both', async () => {
    const { dir } = await dataDir();
    const db = path.join(dir, 'db.json');
    const previous = path.join(dir, 'db.prev.json');
    for (const file of [db, previous]) {
      const text = await readFile(file, 'utf8');
      await writeFile(file, text.slice(0, text.length / 2));
    }
    const failed = open(dir);
    await expect(failed).rejects.toThrow(`${db} is damaged`);
    await expect(failed).rejects.toThrow(`${previous} cannot be used either`);
    await expect(failed).rejects.toThrow(/restore db\.json from a backup/);
  });

  it('refuses to start on a cut db.json when there is no db.prev.json, naming the file', async () => {
    const { dir } = await dataDir();
    const db = path.join(dir, 'db.json');
    await rm(path.join(dir, 'db.prev.json'));
    const text = await readFile(db, 'utf8');
    await writeFile(db, text.slice(0, text.length / 2));
    const failed = open(dir);
    await expect(failed).rejects.toThrow(`${db} is damaged`);
    await expect(failed).rejects.toThrow('there is no db.prev.json');
  });

  it('starts from a db.json pretty-printed by the release before compact snapshots', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'parley-damage-'));
    dirs.push(dir);
    await cp(PRETTY_DATA_DIR, dir, { recursive: true });
    const store = await open(dir);
    expect((await store.getSite('site_fixture'))?.name).toBe('Cửa hàng Bình Minh');
    expect((await store.listMessages('conv_fixture')).map((m) => [m.seq, m.text])).toEqual([
      [1, 'Xin chào, đơn hàng của tôi ở đâu?'],
      [2, 'Bună ziua! Verific imediat.'],
      [3, 'Salamat po!'],
    ]);
    await store.setSetting('now', 'compact');
    await store.close();
    // Rewritten compact on close, and still the same data.
    const text = await readFile(path.join(dir, 'db.json'), 'utf8');
    expect(text).not.toContain('\n');
    const reopened = await open(dir);
    expect(await reopened.getSetting('fixture')).toBe(
      'written by the release before compact snapshots',
    );
    expect(await reopened.listMessages('conv_fixture')).toHaveLength(3);
    await reopened.close();
  });
});
