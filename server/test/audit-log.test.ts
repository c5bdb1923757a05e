import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { AuditLog, Site } from '@parley/shared';
import {
  api,
  connectVisitor,
  hire,
  login,
  relayModes,
  startServer,
  type TestServer,
} from './harness';

/** A visitor of the demo site who gave a name and email, with one closed chat. */
async function visitorWithClosedChat(server: TestServer) {
  await using visitor = await connectVisitor(server.url, { siteId: server.owner.siteId });
  const session = await visitor.ok('visitor:hello', {});
  await visitor.ok('visitor:identify', { name: 'Ana Ionescu', email: 'ana@example.ro' });
  const sent = await visitor.ok('message:send', { clientId: randomUUID(), text: 'Bună ziua' });
  await visitor.ok('conversation:close', { conversationId: sent.message.conversationId });
  return session.visitor.id;
}

async function auditLog(server: TestServer, token: string, query = '') {
  return api<AuditLog>(server.url, token, 'GET', `/api/audit${query}`);
}

describe.each(relayModes())('audit log of owner actions (%s)', (mode) => {
  it('records who did what to which account, site and visitor, newest first, without secrets or erased data', async () => {
    await using server = await startServer({ mode });
    const owner = await login(server.url, server.owner.ownerEmail, server.owner.ownerPassword);
    const siteId = server.owner.siteId;
    const minh = await hire(server, owner.token, { name: 'Minh', siteIds: [siteId] });
    const patched = await api(server.url, owner.token, 'PATCH', `/api/agents/${minh.agent.id}`, {
      role: 'owner',
      capacity: 3,
      password: 'a new secret password',
    });
    expect(patched.status).toBe(200);
    const settings = await api(server.url, owner.token, 'PATCH', `/api/sites/${siteId}`, {
      widget: { greeting: 'Witaj! W czym możemy pomóc?' },
    });
    expect(settings.status).toBe(200);
    const rotated = await api<Site>(server.url, owner.token, 'POST', `/api/sites/${siteId}/secret`);
    expect(rotated.status).toBe(200);
    const visitorId = await visitorWithClosedChat(server);
    expect(
      (await api(server.url, owner.token, 'GET', `/api/visitors/${visitorId}/export`)).status,
    ).toBe(200);
    expect(
      (await api(server.url, owner.token, 'DELETE', `/api/visitors/${visitorId}`)).status,
    ).toBe(200);

    const log = await auditLog(server, owner.token);
    expect(log.status).toBe(200);
    expect(log.body.items.map((entry) => entry.action)).toEqual([
      'visitor.erased',
      'visitor.exported',
      'site.secret-rotated',
      'site.updated',
      'agent.updated',
      'agent.created',
    ]);
    expect(log.body.total).toBe(6);
    for (const entry of log.body.items) {
      expect(entry).toMatchObject({ actorId: owner.agent.id, actorName: owner.agent.name });
      expect(Date.parse(entry.at)).not.toBeNaN();
    }
    const [erased, , , siteChange, accountChange] = log.body.items;
    expect(accountChange).toMatchObject({
      target: { kind: 'agent', id: minh.agent.id, label: 'Minh' },
      changes: ['password', 'role: owner', 'capacity: 3'],
    });
    expect(siteChange?.changes).toEqual(['widget greeting']);
    expect(erased).toMatchObject({
      target: { kind: 'visitor', id: visitorId },
      changes: ['conversations: 1'],
    });
    // Neither the new password, nor the new identity secret, nor what the erasure removed.
    const written = JSON.stringify(log.body);
    for (const secret of [
      'a new secret password',
      rotated.body.identitySecret,
      'Ana Ionescu',
      'ana@example.ro',
      'Bună ziua',
    ])
      expect(written).not.toContain(secret);

    const page = await auditLog(server, owner.token, '?limit=2&offset=1');
    expect(page.body.items.map((entry) => entry.action)).toEqual([
      'visitor.exported',
      'site.secret-rotated',
    ]);
    expect((await auditLog(server, owner.token, '?limit=0')).status).toBe(400);
  });

  it('is for owners only, and each owner sees only what concerns their own sites', async () => {
    await using server = await startServer({ mode });
    const first = await login(server.url, server.owner.ownerEmail, server.owner.ownerPassword);
    const shop = await api<Site>(server.url, first.token, 'POST', '/api/sites', {
      name: 'Sklep X',
    });
    const olga = await hire(server, first.token, {
      name: 'Olga',
      role: 'owner',
      siteIds: [shop.body.id],
    });
    const kim = await hire(server, first.token, { name: 'Kim', siteIds: [server.owner.siteId] });
    const rename = await api(
      server.url,
      first.token,
      'PATCH',
      `/api/sites/${server.owner.siteId}`,
      {
        name: 'Demo shop A',
      },
    );
    expect(rename.status).toBe(200);
    await api(server.url, olga.token, 'PATCH', `/api/sites/${shop.body.id}`, { name: 'Sklep X2' });

    expect((await auditLog(server, kim.token)).status).toBe(403);
    expect((await api(server.url, '', 'GET', '/api/audit')).status).toBe(401);

    const seenByOlga = await auditLog(server, olga.token);
    expect(
      seenByOlga.body.items.map(
        (entry) => `${entry.actorName} ${entry.action} ${entry.target.label}`,
      ),
    ).toEqual(
      [
        'Olga site.updated Sklep X2',
        'Demo owner agent.created Olga',
        'Demo owner site.created Sklep X',
      ].map((line) => line.replace('Demo owner', first.agent.name)),
    );
    // The first owner sees both sites' entries, Kim's hiring included.
    const seenByFirst = await auditLog(server, first.token);
    expect(seenByFirst.body.items.map((entry) => entry.action)).toEqual([
      'site.updated',
      'site.updated',
      'agent.created',
      'agent.created',
      'site.created',
    ]);
  });
});
