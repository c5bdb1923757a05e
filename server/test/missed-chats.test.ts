import { randomUUID } from 'node:crypto';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import type { ConversationDetail, ConversationList, InboxCounts } from '@parley/shared';
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
import { startSmtpSink } from './smtp-sink';

/** A visitor asks while nobody is online, waits, and gives up before anyone answers. */
async function waitAndLeave(server: TestServer, name: string, email: string) {
  await using visitor = await connectVisitor(server.url, { siteId: server.owner.siteId });
  await visitor.ok('visitor:hello', { locale: 'ro' });
  await visitor.ok('visitor:identify', { name, email });
  const sent = await visitor.ok('message:send', {
    clientId: randomUUID(),
    text: 'Bună ziua, comanda mea nu a ajuns.',
  });
  await visitor.ok('conversation:close', { conversationId: sent.message.conversationId });
  return sent.message.conversationId;
}

describe.each(relayModes())('missed chats are followed up (%s)', (mode) => {
  it('a visitor who leaves the queue unanswered is a missed chat, in one digest to the owners', async () => {
    await using smtp = await startSmtpSink();
    await using server = await startServer({ mode, smtpUrl: smtp.url });
    const owner = await login(server.url, server.owner.ownerEmail, server.owner.ownerPassword);
    // Ana asks for the digest herself; Minh does not.
    const ana = await createAgent(server, owner.token, 'Ana');
    await createAgent(server, owner.token, 'Minh');
    const optIn = await api(server.url, ana.token, 'PATCH', `/api/agents/${ana.agent.id}`, {
      digestEmails: true,
    });
    expect(optIn.status).toBe(200);
    const first = await waitAndLeave(server, 'Ion Popescu', 'ion@example.ro');

    const missed = await api<ConversationList>(
      server.url,
      owner.token,
      'GET',
      '/api/conversations?kind=chat&status=closed&tag=missed',
    );
    expect(missed.body.items.map((item) => item.conversation.id)).toEqual([first]);
    expect(missed.body.items[0]!.visitor.email).toBe('ion@example.ro');
    const counts = await api<InboxCounts>(
      server.url,
      owner.token,
      'GET',
      '/api/conversations/counts',
    );
    expect(counts.body.missed).toBe(1);

    await eventually(() => expect(smtp.mails).toHaveLength(1));
    const digest = await simpleParser(smtp.mails[0]!.raw);
    expect(smtp.mails[0]!.to.sort()).toEqual([server.owner.ownerEmail, 'ana@example.com'].sort());
    expect(digest.subject).toMatch(/Missed chat from Ion Popescu/);
    expect(digest.text).toContain('comanda mea nu a ajuns');
    expect(digest.text).toContain(`/console/conversations/${first}`);

    // A second one within the digest interval waits for the next digest: no second email now.
    await waitAndLeave(server, 'Ana Ionescu', 'ana@example.ro');
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(smtp.mails).toHaveLength(1);
    const after = await api<InboxCounts>(
      server.url,
      owner.token,
      'GET',
      '/api/conversations/counts',
    );
    expect(after.body.missed).toBe(2);
  });

  it('an answer reopens the missed chat once as a follow-up that reaches the visitor, even from two agents at once', async () => {
    await using smtp = await startSmtpSink();
    await using server = await startServer({ mode, smtpUrl: smtp.url });
    const owner = await login(server.url, server.owner.ownerEmail, server.owner.ownerPassword);
    const ana = await createAgent(server, owner.token, 'Ana');
    const conversationId = await waitAndLeave(server, 'Ion Popescu', 'ion@example.ro');
    await eventually(() => expect(smtp.mails).toHaveLength(1)); // the owners' digest

    await using ownerConsole = await connectAgent(server.agentUrl, owner.token);
    await using anaConsole = await connectAgent(server.agentUrl, ana.token);
    await ownerConsole.ok('agent:hello', {});
    await anaConsole.ok('agent:hello', {});
    const answers = await Promise.all(
      [ownerConsole, anaConsole].map((console, i) =>
        console.request('message:send', {
          conversationId,
          clientId: randomUUID(),
          text: `Ne pare rău pentru așteptare (${i}).`,
        }),
      ),
    );
    // One of them reopens it; the other's answer lands in that follow-up, or is refused when it
    // raced the reopening itself. Either way there is one conversation, reopened once.
    const delivered = answers.filter((answer) => answer.ok).length;
    expect(delivered).toBeGreaterThanOrEqual(1);
    for (const answer of answers.filter((a) => !a.ok))
      expect(answer).toEqual({ ok: false, error: expect.objectContaining({ code: 'CONFLICT' }) });

    const detail = await api<ConversationDetail>(
      server.url,
      owner.token,
      'GET',
      `/api/conversations/${conversationId}`,
    );
    expect(detail.body.conversation).toMatchObject({ kind: 'offline', status: 'active' });
    expect([owner.agent.id, ana.agent.id]).toContain(detail.body.conversation.agentId);
    expect(detail.body.conversation.tags).toContain('missed');
    const said = detail.body.messages.filter((m) => m.author === 'agent').map((m) => m.text);
    expect(said).toHaveLength(delivered);
    expect(new Set(said).size).toBe(delivered);
    await eventually(() => expect(smtp.mails).toHaveLength(1 + delivered));
    expect(smtp.mails[1]!.to).toEqual(['ion@example.ro']);
    expect((await simpleParser(smtp.mails[1]!.raw)).subject).toMatch(/a răspuns mesajului tău/);
    const counts = await api<InboxCounts>(
      server.url,
      owner.token,
      'GET',
      '/api/conversations/counts',
    );
    expect(counts.body).toMatchObject({ missed: 0, offline: 1 });
  });
});
