/**
 * Property-based fuzzing of every socket event of both namespaces and every REST route: whatever
 * arrives, the relay answers with a typed error or a success, keeps running, and changes nothing
 * it stores when the input is invalid.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { AGENT_REQUESTS, ERROR_CODES, VISITOR_REQUESTS } from '@parley/shared';
import { agentRequestSchemas, visitorRequestSchemas } from '@parley/shared/request-schemas';
import {
  agentCreateSchema,
  agentUpdateSchema,
  cannedReplyCreateSchema,
  loginSchema,
  siteCreateSchema,
  siteUpdateSchema,
} from '@parley/shared/schemas';
import {
  connectAgent,
  connectVisitor,
  eventually,
  login,
  relayModes,
  startServer,
  type TestServer,
} from './harness';

const CODES = Object.keys(ERROR_CODES);

/** Strings that have broken parsers, stores and templates elsewhere. */
const nastyString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '\uD800',
    '\uDFFF',
    '\u202E',
    '🦜'.repeat(50),
    '__proto__',
    'constructor',
    'prototype',
    '<script>alert(1)</script>',
    "'; DROP TABLE messages; --",
    '%00',
    '../../etc/passwd',
    // Over every field's limit, under the 64 KB frame limit (a bigger frame closes the socket).
    'x'.repeat(20_000),
  ),
);

/** JSON nested deeper than any schema expects. */
const deep = fc.integer({ min: 50, max: 2000 }).map((depth) => {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i += 1) value = i % 2 ? [value] : { a: value };
  return value;
});

/** Objects carrying prototype-pollution keys as own properties (JSON.parse makes them so). */
const pollution = fc
  .record({ key: fc.constantFrom('__proto__', 'constructor', 'prototype'), value: fc.jsonValue() })
  .map(({ key, value }) =>
    JSON.parse(`{${JSON.stringify(key)}: ${JSON.stringify({ polluted: value ?? true })}}`),
  );

/** A valid-looking payload of every event, to mutate field by field. */
const VALID_SHAPES: Record<string, unknown>[] = [
  { conversationId: 'c', clientId: 'k', text: 'hi', internal: false },
  { conversationId: 'c', afterSeq: 0, limit: 10 },
  { conversationId: 'c', typing: true },
  { conversationId: 'c', seq: 1 },
  { conversationId: 'c', csat: 5, comment: 'ok', nps: 10 },
  { conversationId: 'c', email: 'a@example.com' },
  { name: 'Ana', email: 'a@example.com', text: 'hello' },
  { name: 'Ana', email: 'a@example.com', userId: 'u', fields: { k: 'v' } },
  { url: 'https://shop.example/', title: 'Shop', referrer: '' },
  { locale: 'vi', timeZone: 'Asia/Ho_Chi_Minh', page: { url: 'https://shop.example/' } },
  { status: 'online' },
  { conversationId: 'c', agentId: 'a' },
  { conversationId: 'c', tags: ['vip'] },
];

const wrongValue = fc.oneof(
  fc.anything(),
  nastyString,
  deep,
  pollution,
  fc.constantFrom(null, -1, 1.5, 1e308, Number.MAX_SAFE_INTEGER + 2, true, [], {}),
);

/** A valid shape with one field replaced, dropped, or an extra (possibly polluting) key added. */
const mutated = fc
  .tuple(
    fc.constantFrom(...VALID_SHAPES),
    fc.nat(),
    wrongValue,
    fc.constantFrom('set', 'drop', 'add'),
  )
  .map(([shape, index, value, how]) => {
    const copy: Record<string, unknown> = JSON.parse(JSON.stringify(shape));
    const keys = Object.keys(copy);
    const key = keys[index % keys.length]!;
    if (how === 'drop') delete copy[key];
    else if (how === 'set') copy[key] = value;
    else Object.defineProperty(copy, '__proto__', { value, enumerable: true });
    return copy;
  });

const payload = fc.oneof(
  { weight: 2, arbitrary: fc.anything() },
  { weight: 2, arbitrary: fc.jsonValue() },
  { weight: 4, arbitrary: mutated },
  { weight: 1, arbitrary: deep },
  { weight: 1, arbitrary: pollution },
  { weight: 1, arbitrary: nastyString },
);

/** Everything the store holds that input could change. */
async function snapshot(server: TestServer): Promise<string> {
  const { store } = server;
  const { items } = await store.listConversations({ limit: 1000 });
  const sites = await store.listSites();
  return JSON.stringify({
    items,
    messages: await Promise.all(items.map((c) => store.listMessages(c.id))),
    visitors: await Promise.all(items.map((c) => store.getVisitor(c.visitorId))),
    // Presence (status) changes as sockets come and go; everything else of an agent must not.
    agents: (await store.listAgents()).map(({ status: _status, ...agent }) => agent),
    sites,
    canned: await Promise.all(sites.map((site) => store.listCannedReplies(site.id))),
    demoSiteId: await store.getSetting('demoSiteId'),
  });
}

function expectTypedAck(reply: unknown, context: string): void {
  expect(reply, context).toEqual(expect.objectContaining({ ok: expect.any(Boolean) }));
  const ack = reply as { ok: boolean; error?: { code: unknown; message: unknown } };
  if (ack.ok) return;
  expect(CODES, context).toContain(ack.error?.code);
  expect(ack.error?.code, context).not.toBe('INTERNAL');
  expect(ack.error?.message, context).toEqual(expect.any(String));
}

function isInvalid(schema: z.ZodType, value: unknown): boolean {
  return !schema.safeParse(value).success;
}

/**
 * A payload as the relay receives it over Socket.IO: JSON drops `undefined` keys (and turns a
 * lone `undefined` or NaN into null), so `{ status: undefined }` arrives as `{}`, which is valid.
 */
function asSent(value: unknown): unknown {
  return (JSON.parse(JSON.stringify([value])) as unknown[])[0];
}

/** A REST route: how to call it, and the schema its body must match (if it reads one). */
interface Route {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: (id: string, other: string) => string;
  body?: z.ZodType;
  /** Acts without a body (sign-out, secret rotation): only anonymous or forged callers fuzz it. */
  actsWithoutBody?: boolean;
}

/** Every route of server/src/http/*-routes.ts and ops-routes.ts. */
const ROUTES: Route[] = [
  { method: 'GET', path: () => '/healthz' },
  { method: 'GET', path: () => '/metrics' },
  { method: 'POST', path: () => '/api/auth/login', body: loginSchema },
  { method: 'GET', path: () => '/api/auth/me' },
  { method: 'POST', path: () => '/api/auth/refresh', actsWithoutBody: true },
  { method: 'POST', path: () => '/api/auth/logout', actsWithoutBody: true },
  { method: 'GET', path: (id) => `/api/widget/sites/${id}` },
  { method: 'GET', path: (_id, q) => `/api/conversations?${q}` },
  { method: 'GET', path: () => '/api/conversations/counts' },
  { method: 'GET', path: (id) => `/api/conversations/${id}` },
  { method: 'GET', path: (id) => `/api/conversations/${id}/transcript.txt` },
  { method: 'GET', path: () => '/api/sites' },
  { method: 'POST', path: () => '/api/sites', body: siteCreateSchema },
  { method: 'GET', path: (id) => `/api/sites/${id}` },
  { method: 'PATCH', path: (id) => `/api/sites/${id}`, body: siteUpdateSchema },
  { method: 'POST', path: (id) => `/api/sites/${id}/secret`, actsWithoutBody: true },
  { method: 'GET', path: (id) => `/api/sites/${id}/export.ndjson` },
  { method: 'GET', path: (id) => `/api/sites/${id}/canned-replies` },
  {
    method: 'POST',
    path: (id) => `/api/sites/${id}/canned-replies`,
    body: cannedReplyCreateSchema,
  },
  {
    method: 'DELETE',
    path: (id, other) => `/api/sites/${id}/canned-replies/${other}`,
    actsWithoutBody: true,
  },
  { method: 'GET', path: () => '/api/agents' },
  { method: 'POST', path: () => '/api/agents', body: agentCreateSchema },
  { method: 'PATCH', path: (id) => `/api/agents/${id}`, body: agentUpdateSchema },
  { method: 'DELETE', path: (id) => `/api/agents/${id}`, actsWithoutBody: true },
  { method: 'GET', path: () => '/api/no-such-route' },
  { method: 'GET', path: (id) => `/widget/assets/${id}` },
  { method: 'GET', path: (id) => `/console/${id}` },
  { method: 'GET', path: () => '/demo' },
];

/** Percent-encodes `s`; a lone surrogate becomes the bytes a UTF-8 decoder refuses. */
function encodeSegment(s: string): string {
  try {
    return encodeURIComponent(s) || 'x';
  } catch {
    return '%ED%A0%80';
  }
}

/** A path segment: garbage, percent-encoded or raw, or (for reads and bodies) a real id. */
const segment = (realIds: string[]) =>
  fc.oneof(
    nastyString.map((s) => encodeSegment(s.slice(0, 100))),
    fc.constantFrom('%', '%E0%A4%A', '%00', '..', '%2e%2e', '%uD800', ...realIds),
  );

const queryString = fc.oneof(
  fc
    .dictionary(
      fc.constantFrom(
        'status',
        'limit',
        'offset',
        'q',
        'tag',
        'from',
        'to',
        'kind',
        'siteId',
        'agentId',
        'visitorId',
        '__proto__',
        'x',
      ),
      nastyString.map((s) => s.slice(0, 200)),
      { maxKeys: 4 },
    )
    .map((entries) => new URLSearchParams(entries).toString()),
  fc.constantFrom(
    'status[]=a&status[]=b',
    'limit[a]=1',
    '__proto__[x]=1',
    'q=%',
    'from=99999-99-99',
  ),
);

type Auth = 'none' | 'forged' | 'owner';

async function callRoute(
  server: TestServer,
  route: Route,
  auth: Auth,
  ownerToken: string,
  id: string,
  other: string,
  body: unknown,
  rawBody: string | undefined,
): Promise<void> {
  const url = `${server.url}${route.path(id, other)}`;
  const headers: Record<string, string> = {};
  if (auth === 'owner') headers.authorization = `Bearer ${ownerToken}`;
  if (auth === 'forged') headers.authorization = `Bearer ${ownerToken.slice(0, -4)}AAAA`;
  let sent: string | undefined;
  if (route.method !== 'GET') {
    headers['content-type'] = 'application/json';
    sent = rawBody ?? JSON.stringify(body ?? null);
  }
  const response = await fetch(url, { method: route.method, headers, body: sent });
  const context = `${route.method} ${url} (${auth}) ${sent?.slice(0, 200) ?? ''}`;
  expect(response.status, context).toBeLessThan(500);
  const type = response.headers.get('content-type') ?? '';
  const text = await response.text();
  if (response.status >= 400) {
    expect(type, context).toContain('application/json');
    const parsed = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
    expect(CODES, context).toContain(parsed.error?.code);
    expect(ERROR_CODES[parsed.error!.code as keyof typeof ERROR_CODES], context).toBe(
      response.status,
    );
    expect(parsed.error?.message, context).toEqual(expect.any(String));
  } else if (type.includes('application/json')) {
    expect(() => JSON.parse(text), context).not.toThrow();
  }
}

/** Runs per property: the cluster keeps the default per-socket limit (60 requests in 5 s). */
const RUNS = { embedded: 400, cluster: 40 } as const;

describe.each(relayModes())('fuzzing (%s)', (mode) => {
  it('answers arbitrary payloads on every event with a typed ack and stores nothing invalid', async () => {
    await using server = await startServer(
      mode === 'embedded'
        ? { mode, limits: { socketRequests: { points: 100_000, durationSeconds: 5 } } }
        : { mode },
    );
    const owner = await login(server.url, server.owner.ownerEmail, server.owner.ownerPassword);
    await using online = await connectAgent(server.agentUrl, owner.token);
    await online.ok('agent:hello', {});
    await using seed = await connectVisitor(server.url, { siteId: server.owner.siteId });
    await seed.ok('visitor:hello', {});
    const { conversation } = await seed.ok('message:send', {
      clientId: randomUUID(),
      text: 'Xin chào',
    });
    await eventually(async () =>
      expect((await server.store.listConversations({ status: 'active' })).total).toBe(1),
    );
    const realIds = [conversation.id, server.owner.siteId, owner.agent.id];
    const withRealIds = fc.oneof(
      payload,
      fc
        .tuple(mutated, fc.constantFrom(...realIds))
        .map(([value, realId]) =>
          'conversationId' in value ? { ...value, conversationId: realId } : value,
        ),
    );
    const before = await snapshot(server);

    // The seed's own socket is the one with a conversation to disturb; a fresh agent socket per
    // namespace run keeps a cluster's per-socket limit from answering everything RATE_LIMITED.
    let sent = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...VISITOR_REQUESTS), withRealIds, async (event, value) => {
        fc.pre(isInvalid(visitorRequestSchemas[event], asSent(value)));
        sent += 1;
        const reply: unknown = await seed.socket.timeout(5000).emitWithAck(event, value);
        expectTypedAck(reply, `visitor ${event}`);
        expect((reply as { ok: boolean }).ok, `visitor ${event}`).toBe(false);
      }),
      { numRuns: RUNS[mode], maxSkipsPerRun: 100 },
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...AGENT_REQUESTS), withRealIds, async (event, value) => {
        fc.pre(isInvalid(agentRequestSchemas[event], asSent(value)));
        sent += 1;
        const reply: unknown = await online.socket.timeout(5000).emitWithAck(event, value);
        expectTypedAck(reply, `agent ${event}`);
        expect((reply as { ok: boolean }).ok, `agent ${event}`).toBe(false);
      }),
      { numRuns: RUNS[mode], maxSkipsPerRun: 100 },
    );
    expect(sent).toBeGreaterThanOrEqual(RUNS[mode] * 2);

    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await snapshot(server)).toBe(before);
    // The sockets still work after all that.
    await seed.ok('typing:set', { conversationId: conversation.id, typing: false });
    await online.ok('agent:hello', {});
  }, 60_000);

  it('answers any payload, valid or not, with a typed ack and keeps running', async () => {
    await using server = await startServer(
      mode === 'embedded'
        ? { mode, limits: { socketRequests: { points: 100_000, durationSeconds: 5 } } }
        : { mode },
    );
    const owner = await login(server.url, server.owner.ownerEmail, server.owner.ownerPassword);
    await using agent = await connectAgent(server.agentUrl, owner.token);
    await using visitor = await connectVisitor(server.url, { siteId: server.owner.siteId });
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...VISITOR_REQUESTS),
        fc.constantFrom(...AGENT_REQUESTS),
        payload,
        async (visitorEvent, agentEvent, value) => {
          expectTypedAck(
            await visitor.socket.timeout(5000).emitWithAck(visitorEvent, value),
            `visitor ${visitorEvent}`,
          );
          expectTypedAck(
            await agent.socket.timeout(5000).emitWithAck(agentEvent, value),
            `agent ${agentEvent}`,
          );
        },
      ),
      { numRuns: RUNS[mode] },
    );
    // A frame over the 64 KB limit closes only the socket that sent it.
    await using flooder = await connectVisitor(server.url, { siteId: server.owner.siteId });
    const closed = new Promise((resolve) => flooder.socket.once('disconnect', resolve));
    flooder.socket.emit('page:view', { url: 'x'.repeat(70_000) });
    await closed;
    expectTypedAck(await visitor.socket.timeout(5000).emitWithAck('page:view', {}), 'after');
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
  }, 60_000);

  it('answers arbitrary REST input with a JSON error, never a 500, and stores nothing', async () => {
    await using server = await startServer(mode === 'embedded' ? { mode } : { mode });
    const owner = await login(server.url, server.owner.ownerEmail, server.owner.ownerPassword);
    const realIds = [server.owner.siteId, owner.agent.id];
    const before = await snapshot(server);
    const rawBodies = fc.constantFrom(
      '{"email": ',
      '[',
      'null',
      '"just a string"',
      '{"__proto__": {"role": "owner"}}',
      '{"constructor": {"prototype": {"polluted": true}}}',
      '\u0000',
      `{"name": "${'x'.repeat(300_000)}"}`,
    );

    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ROUTES),
        fc.constantFrom<Auth>('none', 'forged', 'owner'),
        segment(realIds),
        segment([]),
        queryString,
        fc.oneof(
          { weight: 4, arbitrary: payload },
          { weight: 1, arbitrary: fc.constant(undefined) },
        ),
        fc.option(rawBodies, { freq: 5 }),
        async (route, auth, realOrNot, garbage, query, body, raw) => {
          // Routes that act without reading a body run for real only with a valid token, on a
          // real id: those calls would succeed, so only anonymous and forged callers fuzz them.
          if (route.actsWithoutBody && auth === 'owner') auth = 'forged';
          // A body that passes its schema would (rightly) be stored.
          if (route.body && raw == null && auth === 'owner')
            fc.pre(body === undefined || isInvalid(route.body, asSent(body)));
          const isRead = route.method === 'GET' || route.body !== undefined;
          const id = isRead ? realOrNot : garbage;
          const other = route.path.length > 1 && route.method === 'GET' ? query : garbage;
          await callRoute(server, route, auth, owner.token, id, other, body, raw ?? undefined);
        },
      ),
      { numRuns: RUNS[mode] * 2, maxSkipsPerRun: 100 },
    );
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await snapshot(server)).toBe(before);
    // The owner's session survived every forged and anonymous call.
    const me = await fetch(`${server.url}/api/auth/me`, {
      headers: { authorization: `Bearer ${owner.token}` },
    });
    expect(me.status).toBe(200);
  }, 60_000);
});
