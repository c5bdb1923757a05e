import { randomUUID } from 'node:crypto';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import type { ConversationDetail, Message } from '@parley/shared';
import {
  api,
  connectAgent,
  connectVisitor,
  eventually,
  fixtureParagraphs,
  login,
  relayModes,
  startServer,
  type TestServer,
} from './harness';
import { leaveAndGo } from './offline-visitor';
import { startSmtpSink } from './smtp-sink';

async function detail(server: TestServer, token: string, id: string) {
  return (await api<ConversationDetail>(server.url, token, 'GET', `/api/conversations/${id}`)).body;
}

describe.each(relayModes())('answers reach a visitor who left a message (%s)', (mode) => {
  it('the reply is emailed in the visitor’s language, escaped, and waits in the widget next time', async () => {
    await using smtp = await startSmtpSink();
    await using server = await startServer({ mode, smtpUrl: smtp.url });
    const { pl } = await fixtureParagraphs();
    const { conversationId, token } = await leaveAndGo(server, pl[1]!);
    await eventually(() => expect(smtp.mails).toHaveLength(1)); // the owners' notification

    const owner = await login(server.url, server.owner.ownerEmail, server.owner.ownerPassword);
    await using console = await connectAgent(server.agentUrl, owner.token);
    await console.ok('agent:hello', {});
    const replyText = `${pl[2]!}\n\n<script>alert("x")</script> <b>bold</b>`;
    await console.ok('message:send', { conversationId, clientId: randomUUID(), text: replyText });

    await eventually(() => expect(smtp.mails).toHaveLength(2));
    const parsed = await simpleParser(smtp.mails[1]!.raw);
    expect(smtp.mails[1]!.to).toEqual(['ania@example.pl']);
    expect(parsed.subject).toContain('Odpowiedź od');
    expect(parsed.text).toContain(pl[2]);
    expect(parsed.text).toContain('https://sklep.example/zwroty');
    const html = typeof parsed.html === 'string' ? parsed.html : '';
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>bold</b>');
    await eventually(async () =>
      expect((await detail(server, owner.token, conversationId)).deliveries).toEqual([
        expect.objectContaining({ state: 'emailed' }),
      ]),
    );

    // The visitor comes back: the widget shows the same conversation with the answer, and what
    // they write goes on in it, live to the agent.
    await using back = await connectVisitor(server.url, { siteId: server.owner.siteId, token });
    const session = await back.ok('visitor:hello', {});
    expect(session.conversation).toMatchObject({ id: conversationId, kind: 'offline' });
    const said = session.messages.filter((m) => m.author !== 'system').map((m) => m.text);
    expect(said).toEqual([pl[1], replyText]);
    const arrived = console.next<{ message: Message }>(
      'message:created',
      ({ message }) => message.author === 'visitor' && message.conversationId === conversationId,
    );
    const sent = await back.ok('message:send', { clientId: randomUUID(), text: 'Dziękuję!' });
    expect(sent.message.conversationId).toBe(conversationId);
    expect((await arrived).message.text).toBe('Dziękuję!');
    // The visitor is there now: the next reply is shown live, not emailed.
    const live = await console.ok('message:send', {
      conversationId,
      clientId: randomUUID(),
      text: 'Proszę!',
    });
    await back.ok('seen:set', { conversationId, seq: live.message.seq });
    await eventually(async () =>
      expect(
        (await detail(server, owner.token, conversationId)).deliveries.map((d) => d.state),
      ).toEqual(['emailed', 'live']),
    );
    expect(smtp.mails).toHaveLength(2);
  });

  it('without email, the reply waits in the conversation and the console says why', async () => {
    await using server = await startServer({ mode });
    const { conversationId } = await leaveAndGo(server, 'Czy mogę zwrócić buty?');
    const owner = await login(server.url, server.owner.ownerEmail, server.owner.ownerPassword);
    await using console = await connectAgent(server.agentUrl, owner.token);
    await console.ok('agent:hello', {});
    await console.ok('message:send', { conversationId, clientId: randomUUID(), text: 'Tak.' });
    const { deliveries } = await detail(server, owner.token, conversationId);
    expect(deliveries).toEqual([
      {
        messageId: expect.any(String),
        state: 'waiting',
        reason: expect.stringContaining('Email is off'),
      },
    ]);
  });
});
