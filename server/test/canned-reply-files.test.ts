import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Attachment, CannedReply, CannedReplyList, Message, Site } from '@parley/shared';
import {
  api,
  connectAgent,
  connectVisitor,
  createAgent,
  eventually,
  login,
  relayModes,
  startServer,
  type TestServer,
} from './harness';
import { PDF, PNG } from './sample-files';
import { download, uploadAsAgent, uploadAsVisitor, type Uploaded } from './uploads';

async function openVisitor(server: TestServer) {
  const visitor = await connectVisitor(server.url, { siteId: server.owner.siteId });
  const session = await visitor.ok('visitor:hello', {});
  return { visitor, token: session.token, visitorId: session.visitor.id };
}

async function uploadedBy(
  server: TestServer,
  token: string,
  name: string,
  bytes: Buffer,
  siteId?: string,
) {
  const response = await uploadAsAgent(server, token, name, bytes, siteId);
  expect(response.status, name).toBe(201);
  return (await response.json()) as Uploaded;
}

const fetched = (server: TestServer, file: Attachment) => download(`${server.url}${file.url}`);

describe.each(relayModes())('files of canned replies (%s)', (mode) => {
  it('an owner saves a reply with a PDF; each chat it is sent in gets its own copy, the reply keeps its file until it lets it go', async () => {
    await using server = await startServer({ mode });
    const owner = await login(server.url, server.owner.ownerEmail, server.owner.ownerPassword);
    const base = `/api/sites/${server.owner.siteId}/canned-replies`;
    const ana = await createAgent(server, owner.token, 'Ana');
    await using anaConsole = await connectAgent(server.agentUrl, ana.token);
    await anaConsole.ok('agent:hello', {});

    const pdf = await uploadedBy(server, owner.token, 'hóa đơn.pdf', PDF);
    const png = await uploadedBy(server, owner.token, 'bản đồ.png', PNG);
    const other = await api<Site>(server.url, owner.token, 'POST', '/api/sites', {
      name: 'Other shop',
      allowedOrigins: [],
    });
    const elsewhere = await uploadedBy(server, owner.token, 'x.pdf', PDF, other.body.id);
    const first = await openVisitor(server);
    await using _first = first.visitor;
    const visitorFile = (await (
      await uploadAsVisitor(server, first.token, 'khach.png', PNG)
    ).json()) as Uploaded;

    // Files that are not unsent uploads of this site's agents, or too many: typed, nothing saved.
    const refusals: [unknown, number, string][] = [
      [[visitorFile.id], 404, 'NOT_FOUND'],
      [[elsewhere.id], 404, 'NOT_FOUND'],
      [['no-such-file'], 404, 'NOT_FOUND'],
      [[pdf.id, 'b', 'c', 'd', 'e', 'f'], 400, 'VALIDATION_FAILED'],
      [[pdf.id, pdf.id], 400, 'VALIDATION_FAILED'],
      ['not a list', 400, 'VALIDATION_FAILED'],
    ];
    for (const [attachmentIds, status, code] of refusals) {
      const refused = await api<{ error: { code: string } }>(
        server.url,
        owner.token,
        'POST',
        base,
        {
          shortcut: 'invoice',
          text: 'Gửi anh hóa đơn.',
          attachmentIds,
        },
      );
      expect([refused.status, refused.body.error.code], JSON.stringify(attachmentIds)).toEqual([
        status,
        code,
      ]);
    }
    expect((await api<CannedReplyList>(server.url, owner.token, 'GET', base)).body.items).toEqual(
      [],
    );

    const saved = await api<CannedReply>(server.url, owner.token, 'POST', base, {
      shortcut: 'invoice',
      text: 'Gửi anh hóa đơn.',
      attachmentIds: [pdf.id, png.id],
    });
    expect(saved.status).toBe(201);
    const [replyPdf, replyPng] = saved.body.attachments!;
    expect(saved.body.attachments!.map((file) => [file.id, file.name, file.type])).toEqual([
      [pdf.id, 'hóa đơn.pdf', 'application/pdf'],
      [png.id, 'bản đồ.png', 'image/png'],
    ]);
    // Agents of the site read the reply, with links that open its files.
    const listed = await api<CannedReplyList>(server.url, ana.token, 'GET', base);
    expect(listed.body.items).toEqual([saved.body]);
    expect(await fetched(server, replyPdf!)).toEqual({ status: 200, bytes: PDF });

    // Ana sends the reply's PDF into two chats: each message points at a copy of its own.
    const sendInto = async (visitor: Awaited<ReturnType<typeof openVisitor>>) => {
      const opened = await visitor.visitor.ok('message:send', {
        clientId: randomUUID(),
        text: 'Cho tôi xin hóa đơn',
      });
      const conversationId = opened.message.conversationId;
      const clientId = randomUUID();
      const send = () =>
        anaConsole.ok('message:send', {
          conversationId,
          clientId,
          text: saved.body.text,
          attachmentIds: [replyPdf!.id],
        });
      const { message } = await send();
      // A resend after a lost ack is the same message, with the same copy.
      expect((await send()).message).toEqual(message);
      let shown: Message | undefined;
      await eventually(() => {
        shown = visitor.visitor
          .received<{ message: Message }>('message:created')
          .find((event) => event.message.id === message.id)?.message;
        expect(shown?.attachments).toEqual(message.attachments);
      });
      return { conversationId, copy: message.attachments![0]! };
    };
    const inFirst = await sendInto(first);
    const second = await openVisitor(server);
    await using _second = second.visitor;
    const inSecond = await sendInto(second);
    for (const { copy } of [inFirst, inSecond]) {
      expect(copy).toMatchObject({
        name: 'hóa đơn.pdf',
        type: 'application/pdf',
        size: PDF.length,
      });
      expect(copy.id).not.toBe(pdf.id);
      expect(await fetched(server, copy)).toEqual({ status: 200, bytes: PDF });
    }
    expect(inFirst.copy.id).not.toBe(inSecond.copy.id);

    // A visitor cannot send the reply's file, nor the agent the file of another site.
    const byVisitor = await second.visitor.request('message:send', {
      clientId: randomUUID(),
      text: 'hi',
      attachmentIds: [replyPdf!.id],
    });
    expect(byVisitor).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });

    // Erasing the first visitor deletes their chat's copy only.
    await anaConsole.ok('conversation:close', { conversationId: inFirst.conversationId });
    const erased = await api(server.url, owner.token, 'DELETE', `/api/visitors/${first.visitorId}`);
    expect(erased.status).toBeLessThan(300);
    expect((await fetched(server, inFirst.copy)).status).toBe(404);
    expect(await fetched(server, replyPdf!)).toEqual({ status: 200, bytes: PDF });
    expect(await fetched(server, inSecond.copy)).toEqual({ status: 200, bytes: PDF });

    // Taking the PDF off the reply deletes it; what was sent stays, a new send is refused.
    const edited = await api<CannedReply>(
      server.url,
      owner.token,
      'PATCH',
      `${base}/${saved.body.id}`,
      {
        attachmentIds: [png.id],
      },
    );
    expect(edited.body).toEqual({ ...saved.body, attachments: [replyPng] });
    expect((await fetched(server, replyPdf!)).status).toBe(404);
    expect(await fetched(server, inSecond.copy)).toEqual({ status: 200, bytes: PDF });
    const stale = await anaConsole.request('message:send', {
      conversationId: inSecond.conversationId,
      clientId: randomUUID(),
      text: 'again',
      attachmentIds: [replyPdf!.id],
    });
    expect(stale).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });

    // A bad edit changes nothing; deleting the reply deletes the files it kept.
    const badEdit = await api<{ error: { code: string } }>(
      server.url,
      owner.token,
      'PATCH',
      `${base}/${saved.body.id}`,
      {
        attachmentIds: [png.id, visitorFile.id],
      },
    );
    expect([badEdit.status, badEdit.body.error.code]).toEqual([404, 'NOT_FOUND']);
    expect((await api<CannedReplyList>(server.url, owner.token, 'GET', base)).body.items).toEqual([
      edited.body,
    ]);
    expect((await fetched(server, replyPng!)).status).toBe(200);
    const deleted = await api(server.url, owner.token, 'DELETE', `${base}/${saved.body.id}`);
    expect(deleted.status).toBe(204);
    expect((await fetched(server, replyPng!)).status).toBe(404);
    expect(await fetched(server, inSecond.copy)).toEqual({ status: 200, bytes: PDF });

    const log = await api<{ items: { action: string; changes?: string[] }[] }>(
      server.url,
      owner.token,
      'GET',
      '/api/audit',
    );
    expect(log.body.items.find((entry) => entry.action === 'canned-reply.saved')?.changes).toEqual([
      'files',
    ]);
  });
});
