import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findRepoDir } from './repo-dir';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('findRepoDir', () => {
  it('finds this checkout from the server sources', () => {
    expect(findRepoDir()).toBe(path.resolve(import.meta.dirname, '../..'));
  });

  it('finds the root from any depth below it, as the bundle in server/dist does', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'parley-repo-'));
    dirs.push(root);
    await writeFile(path.join(root, 'pnpm-workspace.yaml'), 'packages: []\n');
    const deep = path.join(root, 'server', 'dist');
    await mkdir(deep, { recursive: true });
    expect(findRepoDir(deep)).toBe(root);
  });

  it('names the marker when there is no checkout above', async () => {
    const outside = await mkdtemp(path.join(tmpdir(), 'parley-norepo-'));
    dirs.push(outside);
    expect(() => findRepoDir(outside)).toThrow(/pnpm-workspace\.yaml/);
  });
});
