import { randomUUID } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UNSENT_FILE_LIFETIME_MS } from '../src/chores/unsent-files';
import { connectVisitor, eventually, startServer } from './harness';
import { PDF, PNG } from './sample-files';
import { download, uploaded } from './uploads';

describe('uploads never sent', () => {
  it('are deleted a day after upload by the periodic sweep; sent files stay', async () => {
    await using server = await startServer({ unsentFileSweepMs: 100 });
    await using visitor = await connectVisitor(server.url, { siteId: server.owner.siteId });
    const { token } = await visitor.ok('visitor:hello', {});
    const sentFile = await uploaded(server, token, 'paragon.pdf', PDF);
    const forgotten = await uploaded(server, token, 'namiot.png', PNG);
    const { message } = await visitor.ok('message:send', {
      clientId: randomUUID(),
      text: 'Paragon',
      attachmentIds: [sentFile.id],
    });
    const files = path.join(server.dataDir, 'files');

    // Sweeps have run meanwhile: an upload younger than a day is kept.
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await server.store.files.get(forgotten.id)).not.toBeNull();

    server.advanceClock(UNSENT_FILE_LIFETIME_MS + 60_000);
    await eventually(async () => {
      expect(await server.store.files.get(forgotten.id)).toBeNull();
      expect((await readdir(files)).filter((name) => name.startsWith(forgotten.id))).toEqual([]);
    });
    const late = await visitor.request('message:send', {
      clientId: randomUUID(),
      attachmentIds: [forgotten.id],
    });
    expect(late).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const kept = await download(`${server.url}${message.attachments![0]!.url}`);
    expect(kept.status).toBe(200);
    expect(kept.bytes.equals(PDF)).toBe(true);
  });
});
