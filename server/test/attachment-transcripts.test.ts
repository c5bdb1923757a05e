import { randomUUID } from 'node:crypto';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import type { Attachment, ConversationDetail, VisitorExport } from '@parley/shared';
import { api, connectVisitor, eventually, login, relayModes, startServer } from './harness';
import { PDF, PNG } from './sample-files';
import { startSmtpSink } from './smtp-sink';
import { download, uploaded } from './uploads';

/** A name that would be markup if an email or page did not escape it. */
const RISKY_NAME = 'paragon <b>&1.pdf';

describe.each(relayModes())('files in transcripts and exports (%s)', (mode) => {
  it('every transcript and export names the files sent, with links that fetch them', async () => {
    await using smtp = await startSmtpSink();
    await using server = await startServer({ mode, smtpUrl: smtp.url });
    await using visitor = await connectVisitor(server.url, { siteId: server.owner.siteId });
    const { token } = await visitor.ok('visitor:hello', { locale: 'pl' });
    await visitor.ok('visitor:identify', { email: 'jan@example.pl' });
    const pdf = await uploaded(server, token, RISKY_NAME, PDF);
    const png = await uploaded(server, token, 'namiot.png', PNG);
    const { message } = await visitor.ok('message:send', {
      clientId: randomUUID(),
      text: 'Paragon w załączniku',
      attachmentIds: [pdf.id],
    });
    // A message of a file alone.
    await visitor.ok('message:send', { clientId: randomUUID(), attachmentIds: [png.id] });
    const conversationId = message.conversationId;
    const owner = await login(server.url, server.owner.ownerEmail, server.owner.ownerPassword);
    const expectFetches = async (link: string, bytes: Buffer) => {
      const fetched = await download(link);
      expect(fetched.status, link).toBe(200);
      expect(fetched.bytes.equals(bytes), link).toBe(true);
    };

    // JSON, as the console reads it: relative links on the relay.
    const detail = await api<ConversationDetail>(
      server.url,
      owner.token,
      'GET',
      `/api/conversations/${conversationId}`,
    );
    const sent = detail.body.messages.flatMap((m) => m.attachments ?? []);
    expect(sent.map((file) => file.name)).toEqual([RISKY_NAME, 'namiot.png']);
    await expectFetches(`${server.url}${sent[0]!.url}`, PDF);
    await expectFetches(`${server.url}${sent[1]!.url}`, PNG);

    // Plain text: after the message, a line per file with its absolute link.
    const text = await api<string>(
      server.url,
      owner.token,
      'GET',
      `/api/conversations/${conversationId}/transcript.txt`,
    );
    const lines = text.body.split('\n');
    const pdfLine = lines.findIndex((line) => line.startsWith(`[file] ${RISKY_NAME} `));
    expect(lines[pdfLine - 1]).toBe('Paragon w załączniku');
    expect(lines[pdfLine]).toBe(
      `[file] ${RISKY_NAME} (application/pdf, ${PDF.length} bytes) <${server.url}${sent[0]!.url}>`,
    );
    const linkOf = (line: string | undefined) => /<(http[^>]+)>$/.exec(line ?? '')?.[1] ?? '';
    await expectFetches(linkOf(lines[pdfLine]), PDF);
    const pngLine = lines.find((line) => line.startsWith('[file] namiot.png (image/png, '));
    await expectFetches(linkOf(pngLine), PNG);

    // The exports owners save: absolute links, since the file is read away from the relay.
    const exported = await api<VisitorExport>(
      server.url,
      owner.token,
      'GET',
      `/api/visitors/${detail.body.conversation.visitorId}/export`,
    );
    const exportedFiles = exported.body.conversations
      .flatMap((c) => c.messages)
      .flatMap((m) => m.attachments ?? []);
    const ndjson = await api<string>(
      server.url,
      owner.token,
      'GET',
      `/api/sites/${server.owner.siteId}/export.ndjson`,
    );
    const siteFiles = ndjson.body
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as ConversationDetail)
      .flatMap((c) => c.messages)
      .flatMap((m) => m.attachments ?? []);
    for (const files of [exportedFiles, siteFiles]) {
      expect(files.map((file: Attachment) => file.name)).toEqual([RISKY_NAME, 'namiot.png']);
      expect(files[0]!.url).toBe(`${server.url}${sent[0]!.url}`);
      await expectFetches(files[0]!.url, PDF);
      await expectFetches(files[1]!.url, PNG);
    }

    // The emailed transcript, in the visitor's language: the links in both parts, names escaped.
    await visitor.ok('transcript:email', { conversationId, email: 'jan@example.pl' });
    await eventually(() => expect(smtp.mails).toHaveLength(1));
    const parsed = await simpleParser(smtp.mails[0]!.raw);
    const mailLines = (parsed.text ?? '').split('\n');
    const mailPdf = mailLines.find((line) => line.startsWith(`[Plik] ${RISKY_NAME} `));
    expect(mailPdf).toBe(
      `[Plik] ${RISKY_NAME} (application/pdf, ${PDF.length} bytes) <${server.url}${sent[0]!.url}>`,
    );
    await expectFetches(linkOf(mailPdf), PDF);
    const html = typeof parsed.html === 'string' ? parsed.html : '';
    expect(html).toContain('paragon &lt;b&gt;&amp;1.pdf');
    expect(html).not.toContain('<b>');
    const hrefs = [...html.matchAll(/<a href="([^"]+)">/g)].map((m) =>
      m[1]!.replaceAll('&amp;', '&'),
    );
    expect(hrefs).toEqual([`${server.url}${sent[0]!.url}`, `${server.url}${sent[1]!.url}`]);
    for (const [i, bytes] of [PDF, PNG].entries()) await expectFetches(hrefs[i]!, bytes);
  });
});
