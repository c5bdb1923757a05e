import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Agent, AgentList, MeResponse, Site } from '@parley/shared';
import {
  HIRED_PASSWORD,
  hire,
  api,
  connectAgent,
  connectVisitor,
  eventually,
  login,
  relayModes,
  startServer,
  type TestServer,
} from './harness';

/**
 * Two tenants: the first owner serves the demo site A and site X; Olga owns only X; Kim works on
 * both A and X.
 */
async function twoTenants(server: TestServer) {
  const first = await login(server.url, server.owner.ownerEmail, server.owner.ownerPassword);
  const x = await api<Site>(server.url, first.token, 'POST', '/api/sites', { name: 'Sklep X' });
  expect(x.status).toBe(201);
  const siteA = server.owner.siteId;
  const siteX = x.body.id;
  const olga = await hire(server, first.token, { name: 'Olga', role: 'owner', siteIds: [siteX] });
  const kim = await hire(server, first.token, { name: 'Kim', siteIds: [siteA, siteX] });
  return { first, olga, kim, siteA, siteX };
}

describe.each(relayModes())('tenants are sealed (%s)', (mode) => {
  it('an owner of another site cannot change, re-password or remove the first owner', async () => {
    await using server = await startServer({ mode });
    // Olga owns site X, which the first owner also serves; the first owner also serves site A.
    const { first, olga } = await twoTenants(server);
    const target = `/api/agents/${first.agent.id}`;
    for (const body of [
      { password: 'taken over 123' },
      { name: 'Mallory' },
      { role: 'agent' },
      { capacity: 1 },
    ]) {
      const reply = await api(server.url, olga.token, 'PATCH', target, body);
      expect(reply.status, JSON.stringify(body)).toBe(403);
    }
    expect((await api(server.url, olga.token, 'DELETE', target)).status).toBe(403);
    // The first owner is untouched and still signs in with the old password.
    const again = await login(server.url, server.owner.ownerEmail, server.owner.ownerPassword);
    expect(again.agent).toMatchObject({ name: first.agent.name, role: 'owner', capacity: 5 });
  });

  it('a site an owner creates is theirs alone and reveals nothing to other owners', async () => {
    await using server = await startServer({ mode });
    const first = await login(server.url, server.owner.ownerEmail, server.owner.ownerPassword);
    // Bea is hired with no site yet and opens her own shop: she serves only site B.
    const bea = await hire(server, first.token, { name: 'Bea', role: 'owner', siteIds: [] });
    const shop = await api<Site>(server.url, bea.token, 'POST', '/api/sites', { name: 'Shop B' });
    expect(shop.status).toBe(201);
    const me = await api<MeResponse>(server.url, bea.token, 'GET', '/api/auth/me');
    expect(me.body.agent.siteIds).toEqual([shop.body.id]);
    const firstMe = await api<MeResponse>(server.url, first.token, 'GET', '/api/auth/me');
    expect(firstMe.body.agent.siteIds).toEqual([server.owner.siteId]);
    const list = await api<AgentList>(server.url, bea.token, 'GET', '/api/agents');
    expect(list.body.items.map((agent) => agent.id)).toEqual([bea.agent.id]);
    const firstList = await api<AgentList>(server.url, first.token, 'GET', '/api/agents');
    expect(firstList.body.items.map((agent) => agent.id)).toEqual([first.agent.id]);
    expect(
      (await api(server.url, bea.token, 'PATCH', `/api/agents/${first.agent.id}`, { name: 'x' }))
        .status,
    ).toBe(403);
  });

  it('an account serving two owners’ sites is managed only by an owner of both', async () => {
    await using server = await startServer({ mode });
    const { first, olga, kim, siteX } = await twoTenants(server);
    const kimUrl = `/api/agents/${kim.agent.id}`;
    for (const body of [{ password: 'taken over 123' }, { capacity: 2 }, { siteIds: [siteX] }]) {
      const reply = await api(server.url, olga.token, 'PATCH', kimUrl, body);
      expect(reply.status, JSON.stringify(body)).toBe(403);
    }
    expect((await api(server.url, olga.token, 'DELETE', kimUrl)).status).toBe(403);
    await login(server.url, 'kim@example.com', HIRED_PASSWORD);

    // Olga manages the agents of her own site only.
    const piotr = await hire(server, olga.token, { name: 'Piotr', siteIds: [siteX] });
    const changed = await api<Agent>(
      server.url,
      olga.token,
      'PATCH',
      `/api/agents/${piotr.agent.id}`,
      {
        capacity: 2,
      },
    );
    expect(changed.status).toBe(200);
    // The owner of both sites manages Kim.
    expect((await api(server.url, first.token, 'PATCH', kimUrl, { capacity: 3 })).status).toBe(200);
    // Kim changes her own name, but not her own capacity.
    expect((await api(server.url, kim.token, 'PATCH', kimUrl, { name: 'Kim Lee' })).status).toBe(
      200,
    );
    expect((await api(server.url, kim.token, 'PATCH', kimUrl, { capacity: 9 })).status).toBe(403);
  });

  it('lists colleagues with only the sites the caller serves, over REST, hello and updates', async () => {
    await using server = await startServer({ mode });
    const { first, olga, kim, siteA, siteX } = await twoTenants(server);

    const listed = await api<AgentList>(server.url, olga.token, 'GET', '/api/agents');
    const byId = new Map(listed.body.items.map((agent) => [agent.id, agent]));
    expect(byId.get(kim.agent.id)?.siteIds).toEqual([siteX]);
    expect(byId.get(first.agent.id)?.siteIds).toEqual([siteX]);
    expect(byId.get(olga.agent.id)?.siteIds).toEqual([siteX]);
    for (const agent of listed.body.items) expect(agent).not.toHaveProperty('tokenVersion');
    // The owner of both sees everything; Kim sees her own account in full.
    const full = await api<AgentList>(server.url, first.token, 'GET', '/api/agents');
    expect(full.body.items.find((agent) => agent.id === kim.agent.id)?.siteIds).toEqual([
      siteA,
      siteX,
    ]);
    const me = await api<MeResponse>(server.url, kim.token, 'GET', '/api/auth/me');
    expect(me.body.agent.siteIds).toEqual([siteA, siteX]);

    await using console = await connectAgent(server.agentUrl, olga.token);
    const hello = await console.ok('agent:hello', {});
    expect(hello.sites.map((site) => site.id)).toEqual([siteX]);
    for (const agent of hello.agents) expect(agent.siteIds, agent.name).toEqual([siteX]);
    expect(hello.agents.map((agent) => agent.id).sort()).toEqual(
      [first.agent.id, olga.agent.id, kim.agent.id].sort(),
    );

    // Kim coming online is announced to Olga with only the site they share.
    const update = console.next<{ agent: Agent }>(
      'agent:updated',
      ({ agent }) => agent.id === kim.agent.id && agent.status === 'online',
    );
    await using kimConsole = await connectAgent(server.agentUrl, kim.token);
    expect((await update).agent.siteIds).toEqual([siteX]);
    await kimConsole.ok('agent:hello', {});
  });

  it('colleagues are told when an agent leaves their site or is removed, on every node', async () => {
    await using server = await startServer({ mode });
    const { first, olga, kim, siteA, siteX } = await twoTenants(server);
    await using olgaConsole = await connectAgent(server.agentUrl, olga.token);
    await olgaConsole.ok('agent:hello', {});
    await using firstConsole = await connectAgent(server.agentUrl, first.token);
    await firstConsole.ok('agent:hello', {});

    // Kim stops serving site X: Olga (only X) no longer shares a site with her, the first owner does.
    const gone = olgaConsole.next<{ agentId: string }>('agent:removed');
    const updated = firstConsole.next<{ agent: Agent }>(
      'agent:updated',
      ({ agent }) => agent.id === kim.agent.id,
    );
    const moved = await api(server.url, first.token, 'PATCH', `/api/agents/${kim.agent.id}`, {
      siteIds: [siteA],
    });
    expect(moved.status).toBe(200);
    expect(await gone).toEqual({ agentId: kim.agent.id });
    expect((await updated).agent.siteIds).toEqual([siteA]);

    // Olga removes Piotr, who served only X: the first owner, on X too, is told.
    const piotr = await hire(server, olga.token, { name: 'Piotr', siteIds: [siteX] });
    const removed = firstConsole.next<{ agentId: string }>(
      'agent:removed',
      ({ agentId }) => agentId === piotr.agent.id,
    );
    expect(
      (await api(server.url, olga.token, 'DELETE', `/api/agents/${piotr.agent.id}`)).status,
    ).toBe(204);
    await removed;
  });

  it('any owner places a new hire who serves no site yet, and then only its owners manage them', async () => {
    await using server = await startServer({ mode });
    const { first, olga, siteA } = await twoTenants(server);
    const nova = await hire(server, olga.token, { name: 'Nova', siteIds: [] });
    const seen = await api<AgentList>(server.url, first.token, 'GET', '/api/agents');
    expect(seen.body.items.find((agent) => agent.id === nova.agent.id)?.siteIds).toEqual([]);
    const novaUrl = `/api/agents/${nova.agent.id}`;
    expect((await api(server.url, olga.token, 'PATCH', novaUrl, { siteIds: [siteA] })).status).toBe(
      403,
    );
    expect(
      (await api(server.url, first.token, 'PATCH', novaUrl, { siteIds: [siteA] })).status,
    ).toBe(200);
    expect((await api(server.url, olga.token, 'PATCH', novaUrl, { name: 'x' })).status).toBe(403);
    const olgaList = await api<AgentList>(server.url, olga.token, 'GET', '/api/agents');
    expect(olgaList.body.items.map((agent) => agent.id)).not.toContain(nova.agent.id);
  });

  it('an owner of every site of an agent removes them: signed out, chats requeued, transcript kept', async () => {
    await using server = await startServer({ mode });
    const { first, kim, siteA } = await twoTenants(server);
    const agent = await hire(server, first.token, { name: 'Tuan', siteIds: [siteA] });
    await using tuan = await connectAgent(server.agentUrl, agent.token);
    await tuan.ok('agent:hello', {});
    await using visitor = await connectVisitor(server.url, { siteId: siteA });
    await visitor.ok('visitor:hello', {});
    const { message } = await visitor.ok('message:send', { clientId: randomUUID(), text: 'Chào' });
    const conversationId = message.conversationId;
    // Tuan is the only agent online: routing gives him the chat.
    await eventually(async () =>
      expect((await server.store.getConversation(conversationId))?.agentId).toBe(agent.agent.id),
    );
    await tuan.ok('message:send', { conversationId, clientId: randomUUID(), text: 'Xin chào!' });

    // An agent, and the agent themselves, cannot remove anyone; an owner cannot remove themselves.
    const tuanUrl = `/api/agents/${agent.agent.id}`;
    expect((await api(server.url, kim.token, 'DELETE', tuanUrl)).status).toBe(403);
    expect(
      (await api(server.url, first.token, 'DELETE', `/api/agents/${first.agent.id}`)).status,
    ).toBe(409);

    const closed = new Promise<string>((resolve) => tuan.socket.once('disconnect', resolve));
    expect((await api(server.url, first.token, 'DELETE', tuanUrl)).status).toBe(204);
    expect(await closed).toBe('io server disconnect');
    expect((await api(server.url, agent.token, 'GET', '/api/auth/me')).status).toBe(401);
    await expect(connectAgent(server.agentUrl, agent.token)).rejects.toMatchObject({
      data: { code: 'UNAUTHENTICATED' },
    });
    await expect(login(server.url, 'tuan@example.com', HIRED_PASSWORD)).rejects.toThrow(/401/);
    expect((await api(server.url, first.token, 'DELETE', tuanUrl)).status).toBe(404);

    await eventually(async () =>
      expect((await server.store.getConversation(conversationId))?.status).toBe('queued'),
    );
    const detail = await api<{ messages: { authorName: string | null; agentId: string | null }[] }>(
      server.url,
      first.token,
      'GET',
      `/api/conversations/${conversationId}`,
    );
    expect(detail.body.messages).toContainEqual(
      expect.objectContaining({ authorName: 'Tuan', agentId: agent.agent.id }),
    );
  });
});
