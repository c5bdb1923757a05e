import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { AuditLog } from '@parley/shared';
import {
  api,
  connectAgent,
  connectVisitor,
  createAgent,
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

/** An agent with capacity 1 who already holds one chat; away, so routing leaves the queue alone. */
async function fullAgent(server: TestServer, ownerToken: string, name: string) {
  const hired = await createAgent(server, ownerToken, name, 1);
  const socket = await connectAgent(server.agentUrl, hired.token);
  await socket.ok('agent:hello', {});
  await socket.ok('agent:status', { status: 'away' });
  const held = await waitingChat(server, `held by ${name}`);
  await socket.ok('conversation:take', { conversationId: held.conversationId });
  return { ...hired, socket, held };
}

describe.each(relayModes())('taking a chat beyond capacity (%s)', (mode) => {
  it('is refused without the option, taken and written to the audit log when the agent confirmed', async () => {
    await using server = await startServer({ mode });
    const owner = await login(server.url, server.owner.ownerEmail, server.owner.ownerPassword);
    const solo = await fullAgent(server, owner.token, 'Solo');
    await using _socket = solo.socket;
    const waiting = await waitingChat(server, 'anyone?');

    // Old consoles send no option and are refused as before.
    expect(
      await solo.socket.request('conversation:take', { conversationId: waiting.conversationId }),
    ).toMatchObject({
      ok: false,
      error: { code: 'AGENT_UNAVAILABLE', message: 'Solo is at capacity (1 / 1 chats)' },
    });
    expect(
      await solo.socket.request('conversation:take', {
        conversationId: waiting.conversationId,
        overCapacity: false,
      }),
    ).toMatchObject({ ok: false, error: { code: 'AGENT_UNAVAILABLE' } });
    // Anything but a boolean is bad input: refused, and nothing changes.
    expect(
      await solo.socket.request('conversation:take', {
        conversationId: waiting.conversationId,
        overCapacity: 'yes',
      } as never),
    ).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect((await server.store.getConversation(waiting.conversationId))?.status).toBe('queued');
    expect((await api<AuditLog>(server.url, owner.token, 'GET', '/api/audit')).body.items).toEqual(
      expect.not.arrayContaining([
        expect.objectContaining({ action: 'conversation.taken-over-capacity' }),
      ]),
    );

    const taken = await solo.socket.ok('conversation:take', {
      conversationId: waiting.conversationId,
      overCapacity: true,
    });
    expect(taken.conversation).toMatchObject({ status: 'active', agentId: solo.agent.id });
    expect((await server.store.activeChatCounts([solo.agent.id])).get(solo.agent.id)).toBe(2);
    const log = await api<AuditLog>(server.url, owner.token, 'GET', '/api/audit');
    expect(log.body.items[0]).toMatchObject({
      actorId: solo.agent.id,
      actorName: 'Solo',
      action: 'conversation.taken-over-capacity',
      target: { kind: 'conversation', id: waiting.conversationId },
      siteIds: [server.owner.siteId],
      changes: ['chats: 2 / 1'],
    });

    // With room again, the same option is an ordinary take and nothing is written.
    for (const id of [solo.held.conversationId, waiting.conversationId])
      await solo.socket.ok('conversation:close', { conversationId: id });
    const later = await waitingChat(server, 'later');
    await solo.socket.ok('conversation:take', {
      conversationId: later.conversationId,
      overCapacity: true,
    });
    const after = await api<AuditLog>(server.url, owner.token, 'GET', '/api/audit');
    expect(
      after.body.items.filter((entry) => entry.action === 'conversation.taken-over-capacity'),
    ).toHaveLength(1);
    for (const v of [solo.held, waiting, later]) v.visitor.socket.disconnect();
  });

  it('two full agents confirming a take of one chat at once: exactly one gets it', async () => {
    await using server = await startServer({ mode });
    const owner = await login(server.url, server.owner.ownerEmail, server.owner.ownerPassword);
    const ana = await fullAgent(server, owner.token, 'Ana');
    const ben = await fullAgent(server, owner.token, 'Ben');
    await using _ana = ana.socket;
    await using _ben = ben.socket;
    for (let round = 0; round < 5; round += 1) {
      const waiting = await waitingChat(server, `round ${round}`);
      const replies = await Promise.all(
        [ana, ben].map((agent) =>
          agent.socket.request('conversation:take', {
            conversationId: waiting.conversationId,
            overCapacity: true,
          }),
        ),
      );
      expect(replies.filter((reply) => reply.ok)).toHaveLength(1);
      expect(replies.find((reply) => !reply.ok)).toMatchObject({ error: { code: 'CONFLICT' } });
      waiting.visitor.socket.disconnect();
    }
    const counts = await server.store.activeChatCounts([ana.agent.id, ben.agent.id]);
    expect((counts.get(ana.agent.id) ?? 0) + (counts.get(ben.agent.id) ?? 0)).toBe(2 + 5);
    for (const agent of [ana, ben]) agent.held.visitor.socket.disconnect();
  });
});
