/**
 * The server killed with SIGKILL while a file is coming in: after the restart every message's
 * file is whole and downloadable, and of the cut upload nothing is left, neither on disk (no
 * `.part`) nor in the database, nor sendable or fetchable by anyone.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ConversationDetail, ConversationList } from '@parley/shared';
import { api, connectVisitor, eventually, login } from './harness';
import { cleanUpAfterEachTest } from './process-cleanup';
import { PDF, PNG } from './sample-files';
import { slowUpload } from './slow-upload';
import { ADMIN, startOn, storeData, storeKinds } from './store-process';
import { download, uploadTo, type Uploaded } from './uploads';

const { tempDir, track } = cleanUpAfterEachTest();

async function uploadOk(url: string, siteId: string, token: string, name: string, body: Buffer) {
  const response = await uploadTo(url, siteId, token, name, body);
  expect(response.status).toBe(201);
  return (await response.json()) as Uploaded;
}

describe.each(storeKinds())('an upload cut by SIGKILL (%s)', (kind) => {
  it('leaves every sent file whole and nothing of the cut one', { timeout: 90_000 }, async () => {
    await using data = await storeData(kind, await tempDir());
    const first = await startOn(data);
    track(first.server);
    const { siteId } = first;
    const visitor = await connectVisitor(first.server.url, { siteId });
    const { token } = await visitor.ok('visitor:hello', {});
    const sentFile = await uploadOk(first.server.url, siteId, token, 'paragon.pdf', PDF);
    const { message } = await visitor.ok('message:send', {
      clientId: randomUUID(),
      text: 'Paragon',
      attachmentIds: [sentFile.id],
    });
    const unsent = await uploadOk(first.server.url, siteId, token, 'namiot.png', PNG);

    // 8 MB at 64 KB every 10 ms: several seconds, killed after the first megabyte.
    const upload = slowUpload({
      url: first.server.url,
      siteId,
      token,
      name: 'duzy.pdf',
      body: Buffer.concat([PDF, randomBytes(8 * 1024 * 1024)]),
      chunkBytes: 64 * 1024,
      pauseMs: 10,
    });
    const files = path.join(data.dataDir, 'files');
    let cutId: string | null = null;
    await eventually(async () => {
      expect(upload.sent()).toBeGreaterThan(1024 * 1024);
      if (kind === 'embedded') {
        const part = (await readdir(files)).find((name) => name.endsWith('.part'));
        expect(part, 'the upload is being written').toBeDefined();
        cutId = part!.replace(/\.part$/, '');
      } else {
        // Its chunks are going into a transaction not yet committed.
        const writing = await data.database!.query(
          `SELECT pid FROM pg_stat_activity WHERE datname = current_database()
           AND pid <> pg_backend_pid() AND xact_start IS NOT NULL AND query ILIKE '%file_chunks%'`,
        );
        expect(writing.length, 'the upload is being written').toBeGreaterThan(0);
      }
    }, 20_000);
    first.server.child.kill('SIGKILL');
    await first.server.exited;
    await expect(upload.response).rejects.toThrow();
    visitor.socket.disconnect();

    const second = await startOn(data);
    track(second.server);
    const url = second.server.url;
    // Only the two whole uploads are left.
    const whole = [sentFile.id, unsent.id].sort();
    if (data.database) {
      const rows = await data.database.query<{ id: string }>('SELECT id FROM files ORDER BY id');
      expect(rows.map((row) => row.id)).toEqual(whole);
      const chunked = await data.database.query<{ file_id: string }>(
        'SELECT DISTINCT file_id FROM file_chunks ORDER BY file_id',
      );
      expect(chunked.map((row) => row.file_id)).toEqual(whole);
    } else {
      expect((await readdir(files)).sort()).toEqual(
        whole.flatMap((id) => [id, `${id}.json`]).sort(),
      );
    }

    // Every file of every message of every conversation downloads, whole.
    const owner = await login(url, ADMIN.email, ADMIN.password);
    const list = await api<ConversationList>(
      url,
      owner.token,
      'GET',
      '/api/conversations?limit=200',
    );
    let checked = 0;
    for (const { conversation } of list.body.items) {
      const detail = await api<ConversationDetail>(
        url,
        owner.token,
        'GET',
        `/api/conversations/${conversation.id}`,
      );
      for (const file of detail.body.messages.flatMap((m) => m.attachments ?? [])) {
        const fetched = await download(`${url}${file.url}`);
        expect(fetched.status, file.name).toBe(200);
        expect(fetched.bytes.length, file.name).toBe(file.size);
        checked += 1;
      }
    }
    expect(checked).toBe(1);
    const sent = await download(`${url}${message.attachments![0]!.url}`);
    expect(sent.bytes.equals(PDF)).toBe(true);

    // The cut upload is nobody's to send or fetch; the visitor's whole one still is theirs.
    await using again = await connectVisitor(url, { siteId, token });
    await again.ok('visitor:hello', {});
    if (cutId) {
      const refused = await again.request('message:send', {
        clientId: randomUUID(),
        attachmentIds: [cutId],
      });
      expect(refused).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      expect((await download(`${url}/api/files/${cutId}/x/duzy.pdf`)).status).toBe(404);
    }
    const later = await again.ok('message:send', {
      clientId: randomUUID(),
      attachmentIds: [unsent.id],
    });
    const png = await download(`${url}${later.message.attachments![0]!.url}`);
    expect(png.bytes.equals(PNG)).toBe(true);
  });
});
