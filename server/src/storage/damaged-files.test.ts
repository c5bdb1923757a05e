import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { journalPath } from './journal-files';
import { LowdbStore } from './lowdb-store';
import { repairDataDir } from './repair';

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

  it('refuses to start on a cut db.json, naming the file', async () => {
    const { dir } = await dataDir();
    const db = path.join(dir, 'db.json');
    const text = await readFile(db, 'utf8');
    await writeFile(db, text.slice(0, text.length / 2));
    await expect(open(dir)).rejects.toThrow(`${db} is damaged`);
  });
});
