import { randomUUID } from 'node:crypto';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import type { ConversationList } from '@parley/shared';
import {
  api,
  connectVisitor,
  eventually,
  fixtureParagraphs,
  login,
  relayModes,
  startServer,
} from './harness';
import { bodyOf, startSmtpSink } from './smtp-sink';

describe.each(relayModes())('nobody online (%s)', (mode) => {
  it('stores an offline message, lists it for agents and emails the owner', async () => {
    await using smtp = await startSmtpSink();
    await using server = await startServer({ mode, smtpUrl: smtp.url });
    const { tl } = await fixtureParagraphs();
    await using visitor = await connectVisitor(server.url, { siteId: server.owner.siteId });
    const session = await visitor.ok('visitor:hello', {});
    expect(session.site.available).toBe(false);

    const left = await visitor.ok('offline:leave', {
      name: 'Maria Santos',
      email: 'maria@example.ph',
      text: tl[2]!,
    });
    await eventually(() => expect(smtp.mails).toHaveLength(1));
    const [mail] = smtp.mails;
    expect(mail!.to).toEqual([server.owner.ownerEmail]);
    expect(mail!.raw).toMatch(/Reply-To: maria@example\.ph/i);
    expect(await bodyOf(mail!)).toContain(tl[2]);

    const owner = await login(server.url, server.owner.ownerEmail, server.owner.ownerPassword);
    const list = await api<ConversationList>(
      server.url,
      owner.token,
      'GET',
      '/api/conversations?kind=offline',
    );
    expect(list.body.items.map((item) => item.conversation.id)).toEqual([left.conversationId]);
    expect(list.body.items[0]!.visitor).toMatchObject({
      name: 'Maria Santos',
      email: 'maria@example.ph',
    });
    expect(list.body.items[0]!.lastMessage?.text).toBe(tl[2]);
    const open = await api<ConversationList>(
      server.url,
      owner.token,
      'GET',
      '/api/conversations?kind=offline&status=open',
    );
    expect(open.body.total).toBe(1);
    const counts = await api<{ offline: number; queue: number }>(
      server.url,
      owner.token,
      'GET',
      '/api/conversations/counts',
    );
    expect(counts.body).toMatchObject({ offline: 1, queue: 0 });
  });

  it('emails a transcript to the visitor who asks for it, in their language, without internal notes', async () => {
    await using smtp = await startSmtpSink();
    await using server = await startServer({ mode, smtpUrl: smtp.url });
    await using visitor = await connectVisitor(server.url, { siteId: server.owner.siteId });
    await visitor.ok('visitor:hello', { locale: 'pl', timeZone: 'Europe/Warsaw' });
    const { message } = await visitor.ok('message:send', {
      clientId: randomUUID(),
      text: 'Czy mogę zwrócić zamówienie? <img src=x onerror=alert(1)>',
    });
    await server.store.appendMessage({
      id: randomUUID(),
      conversationId: message.conversationId,
      clientId: randomUUID(),
      author: 'agent',
      agentId: null,
      authorName: 'Kim',
      internal: true,
      text: 'Notatka tylko dla zespołu',
      createdAt: new Date().toISOString(),
    });
    await visitor.ok('visitor:identify', { email: 'jan@example.pl' });
    await visitor.ok('transcript:email', {
      conversationId: message.conversationId,
      email: 'jan@example.pl',
    });
    await eventually(() => expect(smtp.mails).toHaveLength(1));
    expect(smtp.mails[0]!.to).toEqual(['jan@example.pl']);
    const parsed = await simpleParser(smtp.mails[0]!.raw);
    expect(parsed.subject).toMatch(/^Twoja rozmowa z /);
    expect(parsed.text).toContain('Czy mogę zwrócić zamówienie? <img src=x onerror=alert(1)>');
    expect(parsed.text).toMatch(/^Ty \(/m);
    const html = typeof parsed.html === 'string' ? parsed.html : '';
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('<img');
    expect(`${parsed.text}${html}`).not.toContain('Notatka tylko dla zespołu');
  });

  it('refuses a transcript to any email but the visitor’s own, and sends none', async () => {
    await using smtp = await startSmtpSink();
    await using server = await startServer({ mode, smtpUrl: smtp.url });
    await using visitor = await connectVisitor(server.url, { siteId: server.owner.siteId });
    await visitor.ok('visitor:hello', {});
    const { message } = await visitor.ok('message:send', { clientId: randomUUID(), text: 'Hi' });
    const ref = { conversationId: message.conversationId };
    const anonymous = await visitor.request('transcript:email', { ...ref, email: 'a@example.com' });
    expect(anonymous).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await visitor.ok('visitor:identify', { email: 'jan@example.pl' });
    const stranger = await visitor.request('transcript:email', { ...ref, email: 'a@example.com' });
    expect(stranger).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(smtp.mails).toHaveLength(0);
  });

  it('emails one conversation’s transcript at most three times, then says when to retry', async () => {
    await using smtp = await startSmtpSink();
    await using server = await startServer({ mode, smtpUrl: smtp.url });
    await using visitor = await connectVisitor(server.url, { siteId: server.owner.siteId });
    await visitor.ok('visitor:hello', {});
    await visitor.ok('visitor:identify', { email: 'jan@example.pl' });
    const { message } = await visitor.ok('message:send', { clientId: randomUUID(), text: 'Hi' });
    const ask = { conversationId: message.conversationId, email: 'JAN@example.pl' };
    for (let i = 0; i < 3; i++) await visitor.ok('transcript:email', ask);
    const refused = await visitor.request('transcript:email', ask);
    expect(refused).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    expect(!refused.ok && refused.error.retryAfterMs).toBeGreaterThan(0);
    await eventually(() => expect(smtp.mails).toHaveLength(3));
  });

  it('answers MAIL_UNAVAILABLE for a transcript when no SMTP server is configured', async () => {
    await using server = await startServer({ mode });
    await using visitor = await connectVisitor(server.url, { siteId: server.owner.siteId });
    await visitor.ok('visitor:hello', {});
    const { message } = await visitor.ok('message:send', { clientId: randomUUID(), text: 'Salut' });
    const reply = await visitor.request('transcript:email', {
      conversationId: message.conversationId,
      email: 'ion@example.ro',
    });
    expect(reply).toMatchObject({ ok: false, error: { code: 'MAIL_UNAVAILABLE' } });
  });

  it('is unavailable outside business hours even with an agent online', async () => {
    await using server = await startServer({ mode });
    const owner = await login(server.url, server.owner.ownerEmail, server.owner.ownerPassword);
    // Hours that are never now: a one-minute window on the day before today.
    const yesterday = (new Date().getUTCDay() + 6) % 7;
    const patched = await api(
      server.url,
      owner.token,
      'PATCH',
      `/api/sites/${server.owner.siteId}`,
      {
        widget: {
          businessHours: {
            timeZone: 'UTC',
            days: [{ day: yesterday, open: '00:00', close: '00:01' }],
          },
        },
      },
    );
    expect(patched.status).toBe(200);
    const config = (await fetch(`${server.url}/api/widget/sites/${server.owner.siteId}`).then((r) =>
      r.json(),
    )) as { available: boolean };
    expect(config.available).toBe(false);
  });
});
