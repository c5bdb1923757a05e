import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { AgentLoad } from '@parley/shared';
import {
  api,
  connectAgent,
  connectVisitor,
  createAgent,
  hire,
  login,
  relayModes,
  startServer,
  type TestServer,
} from './harness';

async function waitingChat(server: TestServer, text: string) {
  const visitor = await connectVisitor(server.url, { siteId: server.owner.siteId });
  await visitor.ok('visitor:hello', {});
  const { message } = await visitor.ok('message:send', { clientId: randomUUID(), text });
  return { visitor, conversationId: message.conversationId };
}

const byAgent = (loads: AgentLoad[]) =>
  Object.fromEntries(loads.map((load) => [load.agentId, load.activeChats]));

describe.each(relayModes())('agent:loads (%s)', (mode) => {
  it('tells an agent how many chats they and each colleague of their sites hold, and no one else', async () => {
    await using server = await startServer({ mode });
    const owner = await login(server.url, server.owner.ownerEmail, server.owner.ownerPassword);
    const mai = await createAgent(server, owner.token, 'Mai', 3);
    const ben = await createAgent(server, owner.token, 'Ben', 3);
    const other = await api<{ id: string }>(server.url, owner.token, 'POST', '/api/sites', {
      name: 'Another shop',
    });
    const stranger = await hire(server, owner.token, {
      name: 'Stranger',
      siteIds: [other.body.id],
    });
    await using maiSocket = await connectAgent(server.agentUrl, mai.token);
    await maiSocket.ok('agent:hello', {});
    await maiSocket.ok('agent:status', { status: 'away' });
    await using benSocket = await connectAgent(server.agentUrl, ben.token);
    await benSocket.ok('agent:hello', {});
    await benSocket.ok('agent:status', { status: 'away' });

    const chats = [await waitingChat(server, 'one'), await waitingChat(server, 'two')];
    for (const chat of chats)
      await maiSocket.ok('conversation:take', { conversationId: chat.conversationId });

    const seenByBen = byAgent((await benSocket.ok('agent:loads', {})).loads);
    expect(seenByBen[mai.agent.id]).toBe(2);
    expect(seenByBen[ben.agent.id]).toBe(0);
    expect(seenByBen[owner.agent.id]).toBe(0);
    expect(seenByBen).not.toHaveProperty(stranger.agent.id);

    await maiSocket.ok('conversation:close', { conversationId: chats[0]!.conversationId });
    expect(byAgent((await benSocket.ok('agent:loads', {})).loads)[mai.agent.id]).toBe(1);
    // It takes nothing: anything in the payload is refused.
    expect(
      await benSocket.request('agent:loads', { agentId: mai.agent.id } as never),
    ).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    for (const chat of chats) chat.visitor.socket.disconnect();
  });
});
