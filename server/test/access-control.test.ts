import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Site } from '@parley/shared';
import { api, connectAgent, connectVisitor, login, relayModes, startServer } from './harness';

describe.each(relayModes())('access control (%s)', (mode) => {
  it('keeps a visitor out of another visitor’s conversation', async () => {
    await using server = await startServer({ mode });
    await using alice = await connectVisitor(server.url, { siteId: server.owner.siteId });
    await alice.ok('visitor:hello', {});
    const { message } = await alice.ok('message:send', {
      clientId: randomUUID(),
      text: 'Mój numer zamówienia to 1234',
    });
    const conversationId = message.conversationId;

    await using mallory = await connectVisitor(server.url, { siteId: server.owner.siteId });
    await mallory.ok('visitor:hello', {});
    for (const [event, payload] of [
      ['message:history', { conversationId, afterSeq: 0 }],
      ['typing:set', { conversationId, typing: true }],
      ['seen:set', { conversationId, seq: 1 }],
      ['conversation:close', { conversationId }],
      ['rating:submit', { conversationId, csat: 1 }],
      ['transcript:email', { conversationId, email: 'mallory@example.com' }],
    ] as const) {
      const reply = await mallory.socket.timeout(5000).emitWithAck(event, payload);
      expect(reply, event).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    // Mallory's own message opens her own conversation; Alice's is untouched.
    const own = await mallory.ok('message:send', { clientId: randomUUID(), text: 'hi' });
    expect(own.message.conversationId).not.toBe(conversationId);
    expect((await server.store.listMessages(conversationId)).map((m) => m.text)).toEqual([
      'Mój numer zamówienia to 1234',
    ]);
    expect((await server.store.getConversation(conversationId))?.status).toBe('queued');
  });

  it('does not restore a visitor from a token issued for another site', async () => {
    await using server = await startServer({ mode });
    const owner = await login(server.url, server.owner.ownerEmail, server.owner.ownerPassword);
    const other = await api<Site>(server.url, owner.token, 'POST', '/api/sites', {
      name: 'Second shop',
    });
    await using first = await connectVisitor(server.url, { siteId: server.owner.siteId });
    const session = await first.ok('visitor:hello', {});
    await using elsewhere = await connectVisitor(server.url, {
      siteId: other.body.id,
      token: session.token,
    });
    const fresh = await elsewhere.ok('visitor:hello', {});
    expect(fresh.visitor.id).not.toBe(session.visitor.id);
  });

  it('keeps an agent away from a site they do not serve', async () => {
    await using server = await startServer({ mode });
    const owner = await login(server.url, server.owner.ownerEmail, server.owner.ownerPassword);
    const second = await api<Site>(server.url, owner.token, 'POST', '/api/sites', {
      name: 'Branch in Kraków',
    });
    const created = await api(server.url, owner.token, 'POST', '/api/agents', {
      email: 'krakow@example.com',
      name: 'Kasia',
      password: 'agent password 1',
      siteIds: [second.body.id],
    });
    expect(created.status).toBe(201);
    const kasia = await login(server.url, 'krakow@example.com', 'agent password 1');

    await using visitor = await connectVisitor(server.url, { siteId: server.owner.siteId });
    await visitor.ok('visitor:hello', {});
    const { message } = await visitor.ok('message:send', {
      clientId: randomUUID(),
      text: 'Bună ziua',
    });
    const conversationId = message.conversationId;

    await using agent = await connectAgent(server.agentUrl, kasia.token);
    const hello = await agent.ok('agent:hello', {});
    expect(hello.sites.map((s) => s.id)).toEqual([second.body.id]);
    expect(hello.sites[0]!.identitySecret).toBe('');
    for (const [event, payload] of [
      ['conversation:take', { conversationId }],
      ['conversation:close', { conversationId }],
      ['conversation:tag', { conversationId, tags: ['complaint'] }],
      ['message:send', { conversationId, clientId: randomUUID(), text: 'hi' }],
      ['message:history', { conversationId, afterSeq: 0 }],
      ['typing:set', { conversationId, typing: true }],
    ] as const) {
      const reply = await agent.socket.timeout(5000).emitWithAck(event, payload);
      expect(reply, event).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(
      (await api(server.url, kasia.token, 'GET', `/api/conversations/${conversationId}`)).status,
    ).toBe(403);
    expect(
      (
        await api(
          server.url,
          kasia.token,
          'GET',
          `/api/conversations?siteId=${server.owner.siteId}`,
        )
      ).status,
    ).toBe(403);
    const mine = await api<{ total: number }>(server.url, kasia.token, 'GET', '/api/conversations');
    expect(mine.body.total).toBe(0);
    expect(
      (await api(server.url, kasia.token, 'PATCH', `/api/sites/${second.body.id}`, { name: 'x' }))
        .status,
    ).toBe(403);
    expect((await server.store.getConversation(conversationId))?.status).toBe('queued');
  });

  it('enforces a non-empty allowed-origins list on sockets and the config endpoint', async () => {
    await using server = await startServer({ mode });
    const owner = await login(server.url, server.owner.ownerEmail, server.owner.ownerPassword);
    await api(server.url, owner.token, 'PATCH', `/api/sites/${server.owner.siteId}`, {
      allowedOrigins: ['https://shop.example'],
    });
    await expect(
      connectVisitor(
        server.url,
        { siteId: server.owner.siteId },
        { origin: 'https://evil.example' },
      ),
    ).rejects.toMatchObject({
      data: { code: 'ORIGIN_NOT_ALLOWED' },
    });
    await using allowed = await connectVisitor(
      server.url,
      { siteId: server.owner.siteId },
      { origin: 'https://shop.example' },
    );
    await allowed.ok('visitor:hello', {});
    const refused = await fetch(`${server.url}/api/widget/sites/${server.owner.siteId}`, {
      headers: { origin: 'https://evil.example' },
    });
    expect(refused.status).toBe(403);
    const ok = await fetch(`${server.url}/api/widget/sites/${server.owner.siteId}`, {
      headers: { origin: 'https://shop.example' },
    });
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://shop.example');
  });
});
