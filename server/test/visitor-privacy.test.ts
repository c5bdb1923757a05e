import { randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { Site, VisitorErasure, VisitorExport } from '@parley/shared';
import {
  api,
  connectVisitor,
  hire,
  login,
  relayModes,
  startServer,
  type TestServer,
} from './harness';

/** A visitor of the demo site with a closed, rated chat holding a reply and an internal note. */
async function visitorWithHistory(server: TestServer) {
  await using visitor = await connectVisitor(server.url, { siteId: server.owner.siteId });
  const session = await visitor.ok('visitor:hello', { timeZone: 'Europe/Bucharest' });
  await visitor.ok('visitor:identify', {
    name: 'Ana Ionescu',
    email: 'ana@example.ro',
    fields: { order: 'A-17' },
  });
  const sent = await visitor.ok('message:send', { clientId: randomUUID(), text: 'Bună ziua' });
  const conversationId = sent.message.conversationId;
  const note = {
    id: randomUUID(),
    conversationId,
    clientId: randomUUID(),
    author: 'agent' as const,
    agentId: null,
    authorName: 'Kim',
    internal: true,
    text: 'Notă internă',
    createdAt: new Date().toISOString(),
  };
  await server.store.appendMessage(note);
  await visitor.ok('conversation:close', { conversationId });
  await visitor.ok('rating:submit', { conversationId, csat: 4, comment: 'Mulțumesc' });
  return { visitorId: session.visitor.id, conversationId };
}

describe.each(relayModes())('export and erase one visitor (%s)', (mode) => {
  it('an owner of the site exports the visitor’s profile, conversations, notes and ratings', async () => {
    await using server = await startServer({ mode });
    const owner = await login(server.url, server.owner.ownerEmail, server.owner.ownerPassword);
    const { visitorId, conversationId } = await visitorWithHistory(server);

    const exported = await api<VisitorExport>(
      server.url,
      owner.token,
      'GET',
      `/api/visitors/${visitorId}/export`,
    );
    expect(exported.status).toBe(200);
    expect(exported.body.visitor).toMatchObject({
      id: visitorId,
      name: 'Ana Ionescu',
      email: 'ana@example.ro',
      fields: { order: 'A-17' },
      timeZone: 'Europe/Bucharest',
    });
    expect(exported.body.conversations).toHaveLength(1);
    const [only] = exported.body.conversations;
    expect(only!.conversation).toMatchObject({
      id: conversationId,
      rating: { csat: 4, comment: 'Mulțumesc' },
    });
    expect(only!.messages.map((m) => [m.text, m.internal])).toEqual([
      ['Bună ziua', false],
      ['Notă internă', true],
    ]);
  });

  it('agents of the site are refused (403) and people of other sites learn nothing (404)', async () => {
    await using server = await startServer({ mode });
    const owner = await login(server.url, server.owner.ownerEmail, server.owner.ownerPassword);
    const { visitorId } = await visitorWithHistory(server);
    const other = await api<Site>(server.url, owner.token, 'POST', '/api/sites', {
      name: 'Sklep X',
    });
    const olga = await hire(server, owner.token, {
      name: 'Olga',
      role: 'owner',
      siteIds: [other.body.id],
    });
    const kim = await hire(server, owner.token, { name: 'Kim', siteIds: [server.owner.siteId] });

    for (const [who, status] of [
      [olga, 404],
      [kim, 403],
    ] as const) {
      const get = await api(server.url, who.token, 'GET', `/api/visitors/${visitorId}/export`);
      expect(get.status, who.agent.name).toBe(status);
      const del = await api(server.url, who.token, 'DELETE', `/api/visitors/${visitorId}`);
      expect(del.status, who.agent.name).toBe(status);
    }
    expect(await server.store.getVisitor(visitorId)).not.toBeNull();
    const unknown = await api(server.url, owner.token, 'GET', '/api/visitors/nobody/export');
    expect(unknown.status).toBe(404);
  });

  it('erasing deletes the profile, messages and ratings; a live chat must be closed first', async () => {
    await using server = await startServer({ mode });
    const owner = await login(server.url, server.owner.ownerEmail, server.owner.ownerPassword);
    const { visitorId, conversationId } = await visitorWithHistory(server);

    await using live = await connectVisitor(server.url, { siteId: server.owner.siteId });
    const liveSession = await live.ok('visitor:hello', {});
    await live.ok('message:send', { clientId: randomUUID(), text: 'Salut' });
    const refused = await api(
      server.url,
      owner.token,
      'DELETE',
      `/api/visitors/${liveSession.visitor.id}`,
    );
    expect(refused.status).toBe(409);

    const erased = await api<VisitorErasure>(
      server.url,
      owner.token,
      'DELETE',
      `/api/visitors/${visitorId}`,
    );
    expect(erased.status).toBe(200);
    expect(erased.body).toEqual({ visitorId, conversationIds: [conversationId] });
    expect(await server.store.getVisitor(visitorId)).toBeNull();
    expect(await server.store.getConversation(conversationId)).toBeNull();
    expect(await server.store.listMessages(conversationId)).toEqual([]);
    const search = await api<{ total: number }>(
      server.url,
      owner.token,
      'GET',
      '/api/conversations?q=ana%40example.ro',
    );
    expect(search.body.total).toBe(0);
    const again = await api(server.url, owner.token, 'GET', `/api/visitors/${visitorId}/export`);
    expect(again.status).toBe(404);
  });
});

describe('erasure on the embedded store', () => {
  it('leaves none of the erased data in db.json or the journals', async () => {
    await using server = await startServer();
    const owner = await login(server.url, server.owner.ownerEmail, server.owner.ownerPassword);
    const { visitorId } = await visitorWithHistory(server);
    expect(
      (await api(server.url, owner.token, 'DELETE', `/api/visitors/${visitorId}`)).status,
    ).toBe(200);
    for (const file of await readdir(server.dataDir)) {
      if (!file.endsWith('.json') && !file.includes('journal')) continue;
      const text = await readFile(path.join(server.dataDir, file), 'utf8');
      for (const erasedText of ['Ana Ionescu', 'ana@example.ro', 'Bună ziua', 'Notă internă'])
        expect(text, file).not.toContain(erasedText);
    }
  });

  it('logs who erased which visitor by id, without the erased data', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
    await using server = await startServer({ logger });
    const owner = await login(server.url, server.owner.ownerEmail, server.owner.ownerPassword);
    const { visitorId, conversationId } = await visitorWithHistory(server);
    const erased = await api(server.url, owner.token, 'DELETE', `/api/visitors/${visitorId}`);
    expect(erased.status).toBe(200);

    const entry = lines
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .find((line) => line.msg === 'visitor erased');
    expect(entry).toMatchObject({
      agentId: owner.agent.id,
      visitorId,
      conversationIds: [conversationId],
    });
    const all = lines.join('\n');
    for (const erasedText of [
      'Ana Ionescu',
      'ana@example.ro',
      'A-17',
      'Bună ziua',
      'Notă internă',
      'Mulțumesc',
    ])
      expect(all).not.toContain(erasedText);
  });
});
