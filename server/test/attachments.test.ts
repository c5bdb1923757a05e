import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Attachment, Message } from '@parley/shared';
import {
  api,
  connectAgent,
  connectVisitor,
  createAgent,
  eventually,
  fixtureParagraphs,
  login,
  relayModes,
  startServer,
  type TestServer,
} from './harness';
import { jpegWithGps, PDF, PNG } from './sample-files';
import { uploadAsVisitor, type Uploaded } from './uploads';

async function openVisitor(server: TestServer) {
  const visitor = await connectVisitor(server.url, { siteId: server.owner.siteId });
  const session = await visitor.ok('visitor:hello', {});
  return { visitor, token: session.token };
}

describe.each(relayModes())('attachments (%s)', (mode) => {
  it('a visitor sends a photo and a PDF; the agent gets them and can open them, nobody else', async () => {
    const { pl } = await fixtureParagraphs();
    await using server = await startServer({ mode });
    const owner = await login(server.url, server.owner.ownerEmail, server.owner.ownerPassword);
    const ana = await createAgent(server, owner.token, 'Ana');
    await using anaConsole = await connectAgent(server.agentUrl, ana.token);
    await anaConsole.ok('agent:hello', {});
    const { visitor, token } = await openVisitor(server);
    await using _visitor = visitor;

    // The chat is Ana's before the files come, so her console gets the message in full.
    const opening = await visitor.ok('message:send', { clientId: randomUUID(), text: pl[2]! });
    await eventually(async () => {
      const detail = await api<{ conversation: { agentId: string } }>(
        server.url,
        owner.token,
        'GET',
        `/api/conversations/${opening.message.conversationId}`,
      );
      expect(detail.body.conversation.agentId).toBe(ana.agent.id);
    });

    const photo = await uploadAsVisitor(server, token, 'namiot.png', PNG);
    expect(photo.status).toBe(201);
    const photoFile = (await photo.json()) as Uploaded;
    expect(photoFile).toMatchObject({ name: 'namiot.png', type: 'image/png', size: PNG.length });
    const pdf = (await (
      await uploadAsVisitor(server, token, 'paragon.pdf', PDF)
    ).json()) as Uploaded;
    expect(pdf.type).toBe('application/pdf');

    const sent = await visitor.ok('message:send', {
      clientId: randomUUID(),
      text: pl[0]!,
      attachmentIds: [photoFile.id, pdf.id],
    });
    const attachments = sent.message.attachments!;
    expect(attachments.map((a) => [a.name, a.type])).toEqual([
      ['namiot.png', 'image/png'],
      ['paragon.pdf', 'application/pdf'],
    ]);
    await eventually(() => {
      const got = anaConsole
        .received<{ message: Message }>('message:created')
        .find((e) => e.message.id === sent.message.id);
      expect(got?.message.attachments).toEqual(attachments);
    });

    // Anyone with the message's link opens the photo inline; the PDF downloads, sandboxed.
    const image = await fetch(`${server.url}${attachments[0]!.url}`);
    expect(image.status).toBe(200);
    expect(Buffer.from(await image.arrayBuffer())).toEqual(Buffer.from(PNG));
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(image.headers.get('content-disposition')).toMatch(/^inline;/);
    expect(image.headers.get('x-content-type-options')).toBe('nosniff');
    expect(image.headers.get('content-security-policy')).toContain('sandbox');
    const download = await fetch(`${server.url}${attachments[1]!.url}`);
    expect(download.headers.get('content-disposition')).toBe(
      "attachment; filename*=UTF-8''paragon.pdf",
    );
    expect(Buffer.from(await download.arrayBuffer())).toEqual(Buffer.from(PDF));

    // Without the secret of the link, by id alone or with a guess, there is nothing.
    const [, , , id, secret, name] = attachments[0]!.url.split('/');
    for (const path of [
      `/api/files/${id}/${secret!.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'))}/${name}`,
      `/api/files/${id}`,
      `/api/files/${id}/x/${name}`,
    ]) {
      expect((await fetch(`${server.url}${path}`)).status, path).toBe(404);
    }

    // Another visitor cannot send (or learn of) this visitor's upload, nor reuse a sent one.
    const other = await openVisitor(server);
    await using _other = other.visitor;
    const unsent = (await (
      await uploadAsVisitor(server, token, 'drugie.png', PNG)
    ).json()) as Uploaded;
    for (const fileId of [unsent.id, photoFile.id]) {
      const refused = await other.visitor.request('message:send', {
        clientId: randomUUID(),
        text: pl[1]!,
        attachmentIds: [fileId],
      });
      expect(refused).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    }
  });

  it('decides the type from the bytes: markup named .png is refused, a photo loses its location', async () => {
    await using server = await startServer({ mode });
    const { visitor, token } = await openVisitor(server);
    await using _visitor = visitor;
    for (const [name, body] of [
      ['zdjecie.png', '<html><script>alert(1)</script></html>'],
      ['logo.png', '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'],
      ['notes.txt', '\n  <!DOCTYPE html><p>hi</p>'],
      ['program.png', Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00])],
    ] as const) {
      const refused = await uploadAsVisitor(server, token, name, Buffer.from(body));
      expect(refused.status, name).toBe(415);
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe(
        'FILE_TYPE_REFUSED',
      );
    }
    const text = await uploadAsVisitor(
      server,
      token,
      'zamowienie.txt',
      Buffer.from('Zamówienie 123'),
    );
    expect(((await text.json()) as Uploaded).type).toBe('text/plain');

    const photo = jpegWithGps({ orientation: 6 });
    expect(photo.includes(Buffer.from('GPS 52.2297 21.0122'))).toBe(true);
    const uploaded = (await (
      await uploadAsVisitor(server, token, 'tent.jpg', photo)
    ).json()) as Uploaded;
    const sent = await visitor.ok('message:send', {
      clientId: randomUUID(),
      attachmentIds: [uploaded.id],
    });
    expect(sent.message.text).toBe('');
    const stored = Buffer.from(
      await (await fetch(`${server.url}${sent.message.attachments![0]!.url}`)).arrayBuffer(),
    );
    expect(stored.includes(Buffer.from('GPS'))).toBe(false);
    expect(stored.includes(Buffer.from('Exif\0\0MM\0*'))).toBe(true);
    // The orientation survives (6: rotate 90°), and the picture data is untouched.
    expect(stored.subarray(-8)).toEqual(photo.subarray(-8));
    expect(uploaded.size).toBe(stored.length);
  });

  it('keeps to the site’s limits, before and while the bytes arrive', async () => {
    await using server = await startServer({ mode });
    const owner = await login(server.url, server.owner.ownerEmail, server.owner.ownerPassword);
    const changed = await api(
      server.url,
      owner.token,
      'PATCH',
      `/api/sites/${server.owner.siteId}`,
      {
        widget: {
          attachments: {
            enabled: true,
            maxFileBytes: 2048,
            maxFilesPerMessage: 1,
            allowedKinds: ['image'],
            filesPerVisitorPerHour: 3,
          },
        },
      },
    );
    expect(changed.status).toBe(200);
    const { visitor, token } = await openVisitor(server);
    await using _visitor = visitor;

    const big = Buffer.concat([PDF, Buffer.alloc(4096, 0x20)]);
    expect((await uploadAsVisitor(server, token, 'big.pdf', big)).status).toBe(413);
    const streamed = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(PNG);
        controller.enqueue(new Uint8Array(4096));
        controller.close();
      },
    });
    const cut = await uploadAsVisitor(server, token, 'big.png', streamed);
    expect(cut.status).toBe(413);
    expect((await uploadAsVisitor(server, token, 'small.pdf', PDF)).status).toBe(415);

    const first = (await (await uploadAsVisitor(server, token, 'a.png', PNG)).json()) as Uploaded;
    const second = (await (await uploadAsVisitor(server, token, 'b.png', PNG)).json()) as Uploaded;
    const tooMany = await visitor.request('message:send', {
      clientId: randomUUID(),
      attachmentIds: [first.id, second.id],
    });
    expect(tooMany).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    // Every upload counts, refused or not: this is the visitor's sixth this hour (limit 3).
    const limited = await uploadAsVisitor(server, token, 'c.png', PNG);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await uploadAsVisitor(server, 'not a token', 'd.png', PNG)).status).toBe(401);
  });

  it('an agent answers with an image; erasing the visitor deletes their files', async () => {
    await using server = await startServer({ mode });
    const owner = await login(server.url, server.owner.ownerEmail, server.owner.ownerPassword);
    const ana = await createAgent(server, owner.token, 'Ana');
    await using anaConsole = await connectAgent(server.agentUrl, ana.token);
    await anaConsole.ok('agent:hello', {});
    const { visitor, token } = await openVisitor(server);
    await using _visitor = visitor;
    const upload = (await (await uploadAsVisitor(server, token, 'x.png', PNG)).json()) as Uploaded;
    const opened = await visitor.ok('message:send', {
      clientId: randomUUID(),
      text: 'Zdjęcia namiotu',
      attachmentIds: [upload.id],
    });
    const conversationId = opened.message.conversationId;

    const query = new URLSearchParams({ siteId: server.owner.siteId, name: 'instrukcja.png' });
    const agentUpload = await fetch(`${server.url}/api/files?${query}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ana.token}` },
      body: PNG,
    });
    expect(agentUpload.status).toBe(201);
    const answer = (await agentUpload.json()) as Uploaded;
    await eventually(async () => {
      const reply = await anaConsole.request('message:send', {
        conversationId,
        clientId: 'reply-1',
        text: 'Proszę spojrzeć',
        attachmentIds: [answer.id],
      });
      expect(reply.ok).toBe(true);
    });
    let shown: Attachment | undefined;
    await eventually(() => {
      shown = visitor
        .received<{ message: Message }>('message:created')
        .find((e) => e.message.author === 'agent' && e.message.attachments)?.message
        .attachments?.[0];
      expect(shown?.name).toBe('instrukcja.png');
    });
    expect((await fetch(`${server.url}${shown!.url}`)).status).toBe(200);

    await anaConsole.ok('conversation:close', { conversationId });
    const detail = await api<{ conversation: { visitorId: string } }>(
      server.url,
      owner.token,
      'GET',
      `/api/conversations/${conversationId}`,
    );
    const visitorId = detail.body.conversation.visitorId;
    const erased = await api(server.url, owner.token, 'DELETE', `/api/visitors/${visitorId}`);
    expect(erased.status).toBeLessThan(300);
    expect((await fetch(`${server.url}${shown!.url}`)).status).toBe(404);
    expect((await fetch(`${server.url}${opened.message.attachments![0]!.url}`)).status).toBe(404);
  });
});
