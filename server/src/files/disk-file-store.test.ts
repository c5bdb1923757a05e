import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { DiskFileStore } from './disk-file-store';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function opened(dataDir: string): Promise<DiskFileStore> {
  const store = new DiskFileStore(dataDir);
  await store.init();
  return store;
}

describe('the embedded file store on start', () => {
  it('deletes what a crash left half written and keeps every whole file', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'parley-files-'));
    dirs.push(dataDir);
    const first = await opened(dataDir);
    const bytes = randomBytes(10_000);
    const whole = await first.save(
      {
        id: randomUUID(),
        secret: 'secret',
        siteId: 'site_1',
        uploader: { visitorId: 'visitor_1' },
        name: 'faktura.pdf',
        type: 'application/pdf',
        createdAt: new Date().toISOString(),
      },
      Readable.from([bytes]),
      1024 * 1024,
    );
    await first.close();
    // What a kill leaves: an upload cut mid-body, bytes renamed but never described, and a
    // description that was being written.
    const files = join(dataDir, 'files');
    const cut = randomUUID();
    const undescribed = randomUUID();
    await writeFile(join(files, `${cut}.part`), randomBytes(4096));
    await writeFile(join(files, undescribed), randomBytes(4096));
    await writeFile(join(files, `${undescribed}.json.tmp`), '{"id":');

    const restarted = await opened(dataDir);
    expect((await readdir(files)).sort()).toEqual([whole.id, `${whole.id}.json`].sort());
    expect(await restarted.get(cut)).toBeNull();
    expect(await restarted.read(undescribed)).toBeNull();
    const read: Buffer[] = [];
    for await (const part of (await restarted.read(whole.id))!) read.push(part as Buffer);
    expect(Buffer.concat(read)).toEqual(bytes);
  });

  it('reads a file described before canned replies kept files as kept by none: swept when old and unsent', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'parley-files-'));
    dirs.push(dataDir);
    await opened(dataDir);
    const id = randomUUID();
    const olderDescription = {
      id,
      secret: 'secret',
      siteId: 'site_1',
      uploader: { agentId: 'agent_1' },
      name: 'menu.pdf',
      type: 'application/pdf',
      size: 4,
      createdAt: '2026-01-01T00:00:00.000Z',
      conversationId: null,
    };
    await writeFile(join(dataDir, 'files', id), '%PDF');
    await writeFile(join(dataDir, 'files', `${id}.json`), JSON.stringify(olderDescription));

    const restarted = await opened(dataDir);
    expect((await restarted.get(id))?.cannedReplyId).toBeNull();
    expect(await restarted.deleteUnattachedBefore('2026-01-02T00:00:00.000Z')).toBe(1);
  });
});
