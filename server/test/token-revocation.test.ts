import { describe, expect, it } from 'vitest';
import type { LoginResponse } from '@parley/shared';
import {
  api,
  connectAgent,
  createAgent,
  HIRED_PASSWORD,
  eventually,
  login,
  relayModes,
  startServer,
  type Client,
  type TestServer,
} from './harness';
import type { AgentRequests } from '@parley/shared';

/** Resolves with the reason the relay closed the socket. */
function closedBy(client: Client<AgentRequests>): Promise<string> {
  return new Promise((resolve) => client.socket.once('disconnect', resolve));
}

/** The session is over everywhere: REST answers 401 and a new console is refused. */
async function expectDead(server: TestServer, token: string): Promise<void> {
  expect((await api(server.url, token, 'GET', '/api/auth/me')).status).toBe(401);
  await expect(connectAgent(server.agentUrl, token)).rejects.toMatchObject({
    data: { code: 'UNAUTHENTICATED' },
  });
}

describe.each(relayModes())('tokens end when they should (%s)', (mode) => {
  it('a password change ends the old sessions over REST and on open consoles of any node', async () => {
    await using server = await startServer({ mode });
    const owner = await login(server.url, server.owner.ownerEmail, server.owner.ownerPassword);
    const lan = await createAgent(server, owner.token, 'Lan');
    await using console = await connectAgent(server.agentUrl, lan.token);
    await console.ok('agent:hello', {});

    const closed = closedBy(console);
    const changed = await api(server.url, owner.token, 'PATCH', `/api/agents/${lan.agent.id}`, {
      password: 'a brand new password',
    });
    expect(changed.status).toBe(200);
    expect(await closed).toBe('io server disconnect');
    await expectDead(server, lan.token);
    // The owner's own session is untouched, and Lan signs in with the new password.
    expect((await api(server.url, owner.token, 'GET', '/api/auth/me')).status).toBe(200);
    const again = await login(server.url, 'lan@example.com', 'a brand new password');
    expect((await api(server.url, again.token, 'GET', '/api/auth/me')).status).toBe(200);
  });

  it('changing one’s own password ends one’s own old sessions', async () => {
    await using server = await startServer({ mode });
    const owner = await login(server.url, server.owner.ownerEmail, server.owner.ownerPassword);
    const minh = await createAgent(server, owner.token, 'Minh');
    const changed = await api(server.url, minh.token, 'PATCH', `/api/agents/${minh.agent.id}`, {
      password: 'my own new password',
    });
    expect(changed.status).toBe(200);
    await expectDead(server, minh.token);
    await login(server.url, 'minh@example.com', 'my own new password');
  });

  it('signing out ends the session: the token is refused and open consoles close', async () => {
    await using server = await startServer({ mode });
    const owner = await login(server.url, server.owner.ownerEmail, server.owner.ownerPassword);
    const ana = await createAgent(server, owner.token, 'Ana');
    await using console = await connectAgent(server.agentUrl, ana.token);
    await console.ok('agent:hello', {});
    const closed = closedBy(console);
    expect((await api(server.url, ana.token, 'POST', '/api/auth/logout')).status).toBe(204);
    expect(await closed).toBe('io server disconnect');
    await expectDead(server, ana.token);
    expect((await api(server.url, ana.token, 'POST', '/api/auth/logout')).status).toBe(401);
  });

  it('a console still connecting when the agent signs out does not stay connected', async () => {
    await using server = await startServer({ mode });
    const owner = await login(server.url, server.owner.ownerEmail, server.owner.ownerPassword);
    await createAgent(server, owner.token, 'Ana');
    for (let round = 0; round < 8; round += 1) {
      const { token } = await login(server.url, 'ana@example.com', HIRED_PASSWORD);
      // The sign-out lands while the handshake is in flight: before, during or after its check.
      const connecting = connectAgent(server.agentUrl, token).catch(() => null);
      const signedOut = api(server.url, token, 'POST', '/api/auth/logout');
      const [console, out] = await Promise.all([connecting, signedOut]);
      expect(out.status).toBe(204);
      if (console) {
        await eventually(() => expect(console.socket.connected, `round ${round}`).toBe(false));
        console.socket.close();
      }
    }
  });

  it('demoting an owner ends their sessions; other changes keep them', async () => {
    await using server = await startServer({ mode });
    const owner = await login(server.url, server.owner.ownerEmail, server.owner.ownerPassword);
    const created = await api(server.url, owner.token, 'POST', '/api/agents', {
      email: 'co-owner@example.com',
      name: 'Ewa',
      password: 'agent password 1',
      role: 'owner',
      siteIds: [server.owner.siteId],
    });
    expect(created.status).toBe(201);
    const ewa = await login(server.url, 'co-owner@example.com', 'agent password 1');
    const url = `/api/agents/${ewa.agent.id}`;
    expect((await api(server.url, owner.token, 'PATCH', url, { capacity: 7 })).status).toBe(200);
    expect((await api(server.url, ewa.token, 'GET', '/api/auth/me')).status).toBe(200);

    await using console = await connectAgent(server.agentUrl, ewa.token);
    await console.ok('agent:hello', {});
    const closed = closedBy(console);
    expect((await api(server.url, owner.token, 'PATCH', url, { role: 'agent' })).status).toBe(200);
    expect(await closed).toBe('io server disconnect');
    await expectDead(server, ewa.token);
    const back = await login(server.url, 'co-owner@example.com', 'agent password 1');
    expect(back.agent.role).toBe('agent');
  });

  it('a valid token is renewed with a fresh one, which sign-out also ends', async () => {
    await using server = await startServer({ mode });
    const owner = await login(server.url, server.owner.ownerEmail, server.owner.ownerPassword);
    const renewed = await api<LoginResponse>(server.url, owner.token, 'POST', '/api/auth/refresh');
    expect(renewed.status).toBe(200);
    expect(renewed.body.agent.id).toBe(owner.agent.id);
    expect((await api(server.url, renewed.body.token, 'GET', '/api/auth/me')).status).toBe(200);
    await using console = await connectAgent(server.agentUrl, renewed.body.token);
    await console.ok('agent:hello', {});

    await api(server.url, renewed.body.token, 'POST', '/api/auth/logout');
    await expectDead(server, renewed.body.token);
    await expectDead(server, owner.token);
    const refused = await api(server.url, owner.token, 'POST', '/api/auth/refresh');
    expect(refused.status).toBe(401);
  });
});

describe('agent sessions expire', () => {
  it('a token is refused after 12 hours unless it was renewed in time', async () => {
    await using server = await startServer();
    const owner = await login(server.url, server.owner.ownerEmail, server.owner.ownerPassword);
    server.advanceClock(11 * 60 * 60 * 1000);
    const renewed = await api<LoginResponse>(server.url, owner.token, 'POST', '/api/auth/refresh');
    expect(renewed.status).toBe(200);
    server.advanceClock(2 * 60 * 60 * 1000);
    await expectDead(server, owner.token);
    expect((await api(server.url, owner.token, 'POST', '/api/auth/refresh')).status).toBe(401);
    expect((await api(server.url, renewed.body.token, 'GET', '/api/auth/me')).status).toBe(200);
    await using console = await connectAgent(server.agentUrl, renewed.body.token);
    await console.ok('agent:hello', {});
  });
});
