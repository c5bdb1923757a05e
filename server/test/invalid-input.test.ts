import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AGENT_REQUESTS, VISITOR_REQUESTS } from '@parley/shared';
import {
  api,
  connectAgent,
  createAgent,
  connectVisitor,
  eventually,
  login,
  startServer,
  type TestServer,
  relayModes,
} from './harness';

/** Payloads no event accepts. */
const GARBAGE: unknown[] = [
  undefined,
  null,
  42,
  'message:send',
  [],
  { conversationId: 7 },
  { conversationId: 'x'.repeat(500), clientId: 'c', text: 'hi' },
  { clientId: '', text: '' },
  { clientId: 'c', text: 'x'.repeat(10_001) },
  { clientId: 'c', text: '   ' },
  { conversationId: 'c', seq: -1, typing: 'yes', csat: 6, nps: 11, email: 'not-an-email' },
  { __proto__: { polluted: true }, constructor: { prototype: { polluted: true } } },
];

/** Everything the store holds that a conversation could change. */
async function snapshot(server: TestServer) {
  const { items } = await server.store.listConversations({ limit: 1000 });
  const messages = await Promise.all(items.map((c) => server.store.listMessages(c.id)));
  return JSON.stringify({
    items,
    messages,
    visitors: await Promise.all(items.map((c) => server.store.getVisitor(c.visitorId))),
  });
}

describe.each(relayModes())('invalid input (%s)', (mode) => {
  it('answers every bad payload on every event with a typed error and changes nothing', async () => {
    await using server = await startServer({ mode });
    const owner = await login(server.url, server.owner.ownerEmail, server.owner.ownerPassword);
    // An agent online with a chat in progress: the state the garbage must not disturb.
    await using online = await connectAgent(server.agentUrl, owner.token);
    await online.ok('agent:hello', {});
    await using seed = await connectVisitor(server.url, { siteId: server.owner.siteId });
    await seed.ok('visitor:hello', {});
    await seed.ok('message:send', { clientId: randomUUID(), text: 'Xin chào' });
    await eventually(async () =>
      expect((await server.store.listConversations({ status: 'active' })).total).toBe(1),
    );
    // Requests are counted per agent, so each event's burst comes from an agent of its own,
    // brought online before the snapshot (coming online changes their status).
    const agents = [];
    for (const [index, event] of AGENT_REQUESTS.entries()) {
      const { token } = await createAgent(server, owner.token, `Garbage${index}`);
      const agent = await connectAgent(server.agentUrl, token);
      await agent.ok('agent:hello', {});
      agents.push({ event, agent });
    }
    const before = await snapshot(server);

    for (const event of VISITOR_REQUESTS) {
      // A fresh socket per event keeps the burst under the per-socket rate limit.
      await using visitor = await connectVisitor(server.url, { siteId: server.owner.siteId });
      for (const payload of GARBAGE) {
        // visitor:hello has only optional fields, so "no payload" is a valid hello.
        if (event === 'visitor:hello' && payload === undefined) continue;
        const reply = await visitor.socket.timeout(5000).emitWithAck(event, payload);
        expect(reply, `${event} ${JSON.stringify(payload)}`).toMatchObject({
          ok: false,
          error: { code: 'VALIDATION_FAILED' },
        });
        expect(reply.error.message).toEqual(expect.any(String));
      }
      // An emit without an acknowledgement is ignored, not a crash.
      visitor.socket.emit(event, { junk: true });
    }
    for (const { event, agent } of agents) {
      for (const payload of GARBAGE) {
        const reply = await agent.socket.timeout(5000).emitWithAck(event, payload);
        expect(reply, `${event} ${JSON.stringify(payload)}`).toMatchObject({
          ok: false,
          error: { code: 'VALIDATION_FAILED' },
        });
      }
    }
    for (const { agent } of agents) await agent[Symbol.asyncDispose]();
    await fetch(`${server.url}/healthz`).then((r) => expect(r.status).toBe(200));
    expect(await snapshot(server)).toBe(before);
  });

  it('rate-limits a socket that floods the relay', async () => {
    await using server = await startServer({ mode });
    await using visitor = await connectVisitor(server.url, { siteId: server.owner.siteId });
    const replies = await Promise.all(
      Array.from({ length: 100 }, () =>
        visitor.socket.timeout(5000).emitWithAck('page:view', { url: 'https://a.example/' }),
      ),
    );
    expect(replies.filter((r) => r.ok)).toHaveLength(60);
    expect(replies.filter((r) => !r.ok).every((r) => r.error.code === 'RATE_LIMITED')).toBe(true);
    // Each refusal says when the window frees a point again (the window is 5 s).
    for (const reply of replies.filter((r) => !r.ok)) {
      expect(reply.error.retryAfterMs).toBeGreaterThan(0);
      expect(reply.error.retryAfterMs).toBeLessThanOrEqual(5_000);
    }
  });

  it('answers bad REST input with a status and a JSON error body', async () => {
    await using server = await startServer({ mode });
    const owner = await login(server.url, server.owner.ownerEmail, server.owner.ownerPassword);
    const post = (route: string, body: string, token?: string) =>
      fetch(`${server.url}${route}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body,
      });
    const malformed = await post('/api/auth/login', '{"email": ');
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
    const wrong = await post(
      '/api/auth/login',
      JSON.stringify({ email: server.owner.ownerEmail, password: 'nope' }),
    );
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ error: { code: 'INVALID_CREDENTIALS' } });
    const anonymous = await fetch(`${server.url}/api/conversations`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
    const badSite = await post(
      '/api/sites',
      JSON.stringify({ name: '', allowedOrigins: ['not an origin'] }),
      owner.token,
    );
    expect(badSite.status).toBe(400);
    const badQuery = await api(
      server.url,
      owner.token,
      'GET',
      '/api/conversations?status=maybe&limit=100000',
    );
    expect(badQuery.status).toBe(400);
    const unknown = await api(server.url, owner.token, 'GET', '/api/conversations/does-not-exist');
    expect(unknown).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND' } } });
    const sites = await api<{ items: unknown[] }>(server.url, owner.token, 'GET', '/api/sites');
    expect(sites.body.items).toHaveLength(1);
  });
});
