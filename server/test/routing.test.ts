import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Conversation, VisitorConversation } from '@parley/shared';
import {
  api,
  connectAgent,
  connectVisitor,
  createAgent,
  eventually,
  login,
  startServer,
  type TestServer,
  relayModes,
} from './harness';

async function visitorWithMessage(server: TestServer, text: string) {
  const visitor = await connectVisitor(server.url, { siteId: server.owner.siteId });
  await visitor.ok('visitor:hello', {});
  const { message, conversation } = await visitor.ok('message:send', {
    clientId: randomUUID(),
    text,
  });
  return { visitor, conversationId: message.conversationId, conversation };
}

async function conversation(server: TestServer, id: string): Promise<Conversation> {
  return (await server.store.getConversation(id))!;
}

/** Signs the demo owner out of routing so tests control exactly who is online. */
async function ownerToken(server: TestServer) {
  return (await login(server.url, server.owner.ownerEmail, server.owner.ownerPassword)).token;
}

describe.each(relayModes())('routing (%s)', (mode) => {
  it('assigns to the online agent with the fewest active chats, ties to the one idle longest', async () => {
    await using server = await startServer({ mode });
    const token = await ownerToken(server);
    const ana = await createAgent(server, token, 'Ana');
    const ben = await createAgent(server, token, 'Ben');
    await using anaSocket = await connectAgent(server.agentUrl, ana.token);
    await anaSocket.ok('agent:hello', {});
    await new Promise((resolve) => setTimeout(resolve, 20));
    await using benSocket = await connectAgent(server.agentUrl, ben.token);
    await benSocket.ok('agent:hello', {});

    // Both have 0 chats; Ana has been idle longer.
    const first = await visitorWithMessage(server, 'first');
    await eventually(async () =>
      expect((await conversation(server, first.conversationId)).agentId).toBe(ana.agent.id),
    );
    // Ana has 1, Ben 0: Ben gets the next one.
    const second = await visitorWithMessage(server, 'second');
    await eventually(async () =>
      expect((await conversation(server, second.conversationId)).agentId).toBe(ben.agent.id),
    );
    // 1 each; Ana received her chat earlier, so she has been idle longer.
    const third = await visitorWithMessage(server, 'third');
    await eventually(async () =>
      expect((await conversation(server, third.conversationId)).agentId).toBe(ana.agent.id),
    );
    for (const v of [first, second, third]) v.visitor.socket.disconnect();
  });

  it('never assigns an away agent and queues past capacity, showing each visitor their place', async () => {
    await using server = await startServer({ mode });
    const token = await ownerToken(server);
    const solo = await createAgent(server, token, 'Solo', 1);
    await using agent = await connectAgent(server.agentUrl, solo.token);
    await agent.ok('agent:hello', {});

    const a = await visitorWithMessage(server, 'A');
    await eventually(async () =>
      expect((await conversation(server, a.conversationId)).status).toBe('active'),
    );
    const b = await visitorWithMessage(server, 'B');
    expect(b.conversation.queuePosition).toBe(1);
    const c = await visitorWithMessage(server, 'C');
    expect(c.conversation.queuePosition).toBe(2);

    // Closing A frees the slot: B (first in) is assigned, C moves up to position 1.
    const cMovesUp = c.visitor.next<{ conversation: VisitorConversation }>(
      'conversation:updated',
      (e) => e.conversation.queuePosition === 1,
    );
    const bAssigned = b.visitor.next<{ conversation: VisitorConversation }>(
      'conversation:updated',
      (e) => e.conversation.status === 'active',
    );
    await agent.ok('conversation:close', { conversationId: a.conversationId });
    expect((await bAssigned).conversation.agent?.name).toBe('Solo');
    await cMovesUp;
    expect((await conversation(server, c.conversationId)).status).toBe('queued');

    // Away: C is not assigned even when a slot frees up.
    await agent.ok('agent:status', { status: 'away' });
    await agent.ok('conversation:close', { conversationId: b.conversationId });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await conversation(server, c.conversationId)).status).toBe('queued');
    // Back online: the queue drains.
    await agent.ok('agent:status', { status: 'online' });
    await eventually(async () =>
      expect((await conversation(server, c.conversationId)).agentId).toBe(solo.agent.id),
    );
    for (const v of [a, b, c]) v.visitor.socket.disconnect();
  });

  it('drains the queue first-in first-out when an agent comes online', async () => {
    await using server = await startServer({ mode });
    const token = await ownerToken(server);
    const late = await createAgent(server, token, 'Late', 2);
    const waiting: Awaited<ReturnType<typeof visitorWithMessage>>[] = [];
    for (const text of ['one', 'two', 'three'])
      waiting.push(await visitorWithMessage(server, text));
    await using agent = await connectAgent(server.agentUrl, late.token);
    await agent.ok('agent:hello', {});
    await eventually(async () => {
      const states = await Promise.all(waiting.map((w) => conversation(server, w.conversationId)));
      expect(states.map((s) => s.status)).toEqual(['active', 'active', 'queued']);
    });
    for (const w of waiting) w.visitor.socket.disconnect();
  });

  it('lets an agent take a queued chat by hand, once, and transfer it to a colleague', async () => {
    await using server = await startServer({ mode });
    const token = await ownerToken(server);
    const ana = await createAgent(server, token, 'Ana', 1);
    const ben = await createAgent(server, token, 'Ben', 1);
    await using anaSocket = await connectAgent(server.agentUrl, ana.token);
    await anaSocket.ok('agent:hello', {});
    await anaSocket.ok('agent:status', { status: 'away' });
    await using benSocket = await connectAgent(server.agentUrl, ben.token);
    await benSocket.ok('agent:hello', {});
    await benSocket.ok('agent:status', { status: 'away' });

    const waiting = await visitorWithMessage(server, 'take me');
    const [first, second] = await Promise.all([
      anaSocket.request('conversation:take', { conversationId: waiting.conversationId }),
      benSocket.request('conversation:take', { conversationId: waiting.conversationId }),
    ]);
    expect([first.ok, second.ok].sort()).toEqual([false, true]);
    const loser = first.ok ? second : first;
    expect(loser).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const holder = first.ok ? anaSocket : benSocket;
    const other = first.ok ? ben : ana;
    const otherSocket = first.ok ? benSocket : anaSocket;

    // A transfer needs the colleague online.
    const refused = await holder.request('conversation:transfer', {
      conversationId: waiting.conversationId,
      agentId: other.agent.id,
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'AGENT_UNAVAILABLE' } });
    await otherSocket.ok('agent:status', { status: 'online' });
    const moved = await holder.ok('conversation:transfer', {
      conversationId: waiting.conversationId,
      agentId: other.agent.id,
    });
    expect(moved.conversation.agentId).toBe(other.agent.id);
    await eventually(() => {
      const seen = waiting.visitor.received<{ conversation: VisitorConversation }>(
        'conversation:updated',
      );
      expect(seen.at(-1)?.conversation).toMatchObject({
        status: 'active',
        agent: { name: other.agent.name },
      });
    });
    waiting.visitor.socket.disconnect();
  });

  it('puts a disconnected agent’s chats back at the head of the queue after the grace period', async () => {
    await using server = await startServer({ mode, agentGraceMs: 300 });
    const token = await ownerToken(server);
    const gone = await createAgent(server, token, 'Gone', 1);
    const stays = await createAgent(server, token, 'Stays', 1);
    const goneSocket = await connectAgent(server.agentUrl, gone.token);
    await goneSocket.ok('agent:hello', {});
    const held = await visitorWithMessage(server, 'held by Gone');
    await eventually(async () =>
      expect((await conversation(server, held.conversationId)).agentId).toBe(gone.agent.id),
    );
    const waiting = await visitorWithMessage(server, 'already waiting');
    expect(waiting.conversation.queuePosition).toBe(1);

    // A short drop inside the grace period changes nothing.
    goneSocket.socket.disconnect();
    const back = await connectAgent(server.agentUrl, gone.token);
    await back.ok('agent:hello', {});
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect((await conversation(server, held.conversationId)).agentId).toBe(gone.agent.id);

    back.socket.disconnect();
    const requeued = held.visitor.next<{ conversation: VisitorConversation }>(
      'conversation:updated',
      (e) => e.conversation.status === 'queued',
    );
    expect((await requeued).conversation.queuePosition).toBe(1);
    // The next agent to come online gets the requeued chat before the one that was already waiting.
    await using staysSocket = await connectAgent(server.agentUrl, stays.token);
    await staysSocket.ok('agent:hello', {});
    await eventually(async () =>
      expect((await conversation(server, held.conversationId)).agentId).toBe(stays.agent.id),
    );
    expect((await conversation(server, waiting.conversationId)).status).toBe('queued');
    const goneNow = await api<{ agent: { status: string } }>(
      server.url,
      gone.token,
      'GET',
      '/api/auth/me',
    );
    expect(goneNow.body.agent.status).toBe('offline');
    held.visitor.socket.disconnect();
    waiting.visitor.socket.disconnect();
  });
});
