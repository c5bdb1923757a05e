import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { InboxActivity, Message } from '@parley/shared';
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
} from './harness';

describe.each(relayModes())('who receives a conversation’s messages (%s)', (mode) => {
  it('the assignee and the consoles showing it get every message; the others a summary now and then', async () => {
    const { pl } = await fixtureParagraphs();
    await using server = await startServer({ mode });
    const owner = await login(server.url, server.owner.ownerEmail, server.owner.ownerPassword);
    const ana = await createAgent(server, owner.token, 'Ana');
    const bogdan = await createAgent(server, owner.token, 'Bogdan');
    const celina = await createAgent(server, owner.token, 'Celina');
    await using anaConsole = await connectAgent(server.agentUrl, ana.token);
    await anaConsole.ok('agent:hello', {});
    await using visitor = await connectVisitor(server.url, { siteId: server.owner.siteId });
    await visitor.ok('visitor:hello', { locale: 'pl' });
    const first = await visitor.ok('message:send', { clientId: randomUUID(), text: pl[0]! });
    const conversationId = first.message.conversationId;
    await eventually(async () => {
      const detail = await api<{ conversation: { agentId: string } }>(
        server.url,
        owner.token,
        'GET',
        `/api/conversations/${conversationId}`,
      );
      expect(detail.body.conversation.agentId).toBe(ana.agent.id);
    });
    // Bogdan has the conversation open; Celina looks at her inbox.
    await using bogdanConsole = await connectAgent(server.agentUrl, bogdan.token);
    await bogdanConsole.ok('agent:hello', {});
    expect(
      await bogdanConsole.ok('conversation:watch', { conversationIds: [conversationId] }),
    ).toEqual({ conversationIds: [conversationId] });
    await using celinaConsole = await connectAgent(server.agentUrl, celina.token);
    await celinaConsole.ok('agent:hello', {});

    const burst = pl.slice(1, 6);
    for (const text of burst) await visitor.ok('message:send', { clientId: randomUUID(), text });
    const fullTexts = (client: typeof anaConsole) =>
      client
        .received<{ message: Message }>('message:created')
        .filter((event) => event.message.conversationId === conversationId)
        .map((event) => event.message.text);
    await eventually(() => {
      expect(fullTexts(anaConsole)).toEqual(expect.arrayContaining(burst));
      expect(fullTexts(bogdanConsole)).toEqual(burst);
    });
    // Celina's inbox ends on the last message, told in at most two summaries for the burst,
    // which count every visitor message between them.
    await eventually(() => {
      const summaries = celinaConsole
        .received<InboxActivity>('inbox:activity')
        .flatMap((batch) => batch.conversations)
        .filter((event) => event.conversationId === conversationId);
      expect(summaries.at(-1)?.message.text).toBe(burst.at(-1));
      expect(summaries.length).toBeLessThanOrEqual(2);
      expect(summaries.reduce((sum, event) => sum + event.visitorMessages, 0)).toBe(burst.length);
    }, 5_000);
    expect(fullTexts(celinaConsole)).toEqual([]);

    // Once Bogdan closes the conversation's view, he too only hears summaries.
    await bogdanConsole.ok('conversation:watch', { conversationIds: [] });
    await visitor.ok('message:send', { clientId: randomUUID(), text: pl[6]! });
    await eventually(() => expect(fullTexts(anaConsole)).toContain(pl[6]));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(fullTexts(bogdanConsole)).toEqual(burst);
  });

  it('a console hears only of the chats its inbox lists and of the queue; one that never said, of all', async () => {
    const { ro } = await fixtureParagraphs();
    await using server = await startServer({ mode });
    const owner = await login(server.url, server.owner.ownerEmail, server.owner.ownerPassword);
    // Celina and Dmitri are away, so routing gives every chat it can to Ana (two at most).
    const ana = await createAgent(server, owner.token, 'Ana', 2);
    const consoles: Awaited<ReturnType<typeof connectAgent>>[] = [];
    for (const name of ['Celina', 'Dmitri']) {
      const agent = await createAgent(server, owner.token, name);
      const client = await connectAgent(server.agentUrl, agent.token);
      await client.ok('agent:hello', {});
      await client.ok('agent:status', { status: 'away' });
      consoles.push(client);
    }
    await using celinaConsole = consoles[0]!;
    await using dmitriConsole = consoles[1]!;
    await using anaConsole = await connectAgent(server.agentUrl, ana.token);
    await anaConsole.ok('agent:hello', {});

    const visitors: Awaited<ReturnType<typeof connectVisitor>>[] = [];
    const ids: string[] = [];
    for (const [index, text] of ro.slice(0, 3).entries()) {
      const visitor = await connectVisitor(server.url, { siteId: server.owner.siteId });
      await visitor.ok('visitor:hello', { locale: 'ro' });
      const sent = await visitor.ok('message:send', { clientId: `open-${index}`, text });
      ids.push(sent.message.conversationId);
      visitors.push(visitor);
      // One at a time, so the first two are Ana's and the third waits.
      await eventually(async () => {
        const detail = await api<{ conversation: { status: string } }>(
          server.url,
          owner.token,
          'GET',
          `/api/conversations/${sent.message.conversationId}`,
        );
        expect(detail.body.conversation.status).toBe(index < 2 ? 'active' : 'queued');
      });
    }
    await using _visitors = {
      [Symbol.asyncDispose]: async () => {
        for (const visitor of visitors) await visitor[Symbol.asyncDispose]();
      },
    };
    const [anasFirst, anasSecond, queued] = ids as [string, string, string];
    expect(await celinaConsole.ok('inbox:listing', { conversationIds: [anasFirst] })).toEqual({
      conversationIds: [anasFirst],
    });

    const heardOf = (client: typeof anaConsole) =>
      new Set(
        client
          .received<InboxActivity>('inbox:activity')
          .flatMap((batch) => batch.conversations)
          .filter((activity) => activity.message.text.startsWith('later'))
          .map((activity) => activity.conversationId),
      );
    const sendLater = async (round: number) => {
      for (const [index, visitor] of visitors.entries())
        await visitor.ok('message:send', {
          clientId: `later-${round}-${index}`,
          text: `later ${round}: ${ro[3 + index]}`,
        });
    };
    await sendLater(1);
    await eventually(() => {
      expect(heardOf(dmitriConsole)).toEqual(new Set(ids));
      expect(heardOf(celinaConsole)).toEqual(new Set([anasFirst, queued]));
    }, 5_000);
    // Ana has her own chats in full; of the rest she hears of the queue.
    expect(heardOf(anaConsole)).toEqual(new Set([queued]));

    // Scrolling on (another listing) changes what she hears of from the next message on.
    await celinaConsole.ok('inbox:listing', { conversationIds: [anasSecond] });
    const before = celinaConsole.received('inbox:activity').length;
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await sendLater(2);
    await eventually(() => {
      const later = celinaConsole
        .received<InboxActivity>('inbox:activity')
        .slice(before)
        .flatMap((batch) => batch.conversations)
        .filter((activity) => activity.message.text.startsWith('later 2'))
        .map((activity) => activity.conversationId);
      expect(new Set(later)).toEqual(new Set([anasSecond, queued]));
    }, 5_000);

    const tooMany = await celinaConsole.request('inbox:listing', {
      conversationIds: Array.from({ length: 501 }, (_, i) => `c${i}`),
    });
    expect(tooMany).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    // Refused, it changed nothing: she still hears of what she listed before.
    const beforeThird = celinaConsole.received('inbox:activity').length;
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await sendLater(3);
    await eventually(() => {
      const later = celinaConsole
        .received<InboxActivity>('inbox:activity')
        .slice(beforeThird)
        .flatMap((batch) => batch.conversations)
        .filter((activity) => activity.message.text.startsWith('later 3'))
        .map((activity) => activity.conversationId);
      expect(new Set(later)).toEqual(new Set([anasSecond, queued]));
    }, 5_000);
  });

  it('refuses to watch what the agent may not see, and changes nothing then', async () => {
    await using server = await startServer({ mode });
    const owner = await login(server.url, server.owner.ownerEmail, server.owner.ownerPassword);
    const site = await api<{ id: string }>(server.url, owner.token, 'POST', '/api/sites', {
      name: 'Sklep Kraków',
    });
    await using visitor = await connectVisitor(server.url, { siteId: site.body.id });
    await visitor.ok('visitor:hello', {});
    const other = await visitor.ok('message:send', { clientId: randomUUID(), text: 'Dzień dobry' });
    const minh = await createAgent(server, owner.token, 'Minh');
    await using minhConsole = await connectAgent(server.agentUrl, minh.token);
    await minhConsole.ok('agent:hello', {});
    const forbidden = await minhConsole.request('conversation:watch', {
      conversationIds: [other.message.conversationId],
    });
    expect(forbidden).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const unknown = await minhConsole.request('conversation:watch', {
      conversationIds: ['no-such-conversation'],
    });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const malformed = await minhConsole.request('conversation:watch', {
      conversationIds: Array.from({ length: 21 }, (_, i) => `c${i}`),
    });
    expect(malformed).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    await visitor.ok('message:send', { clientId: randomUUID(), text: 'Czy jest ktoś?' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(minhConsole.received('message:created')).toEqual([]);
  });
});
