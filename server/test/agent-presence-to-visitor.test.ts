import type { VisitorConversation } from '@parley/shared';
import { describe, expect, it } from 'vitest';
import { connectAgent, connectVisitor, login, relayModes, startServer } from './harness';

describe.each(relayModes())('the visitor sees their agent step away (%s)', (mode) => {
  it('gets the conversation with the agent’s new status when the agent goes away and back', async () => {
    await using server = await startServer({ mode });
    const { token } = await login(server.url, server.owner.ownerEmail, server.owner.ownerPassword);
    await using owner = await connectAgent(server.agentUrl, token);
    await owner.ok('agent:status', { status: 'online' });
    await using visitor = await connectVisitor(server.url, { siteId: server.owner.siteId });
    await visitor.ok('visitor:hello', { locale: 'pl' });
    const sent = await visitor.ok('message:send', {
      clientId: 'c-1',
      text: 'Dzień dobry, czy mogę zmienić adres dostawy?',
    });
    expect(sent.conversation.agent?.status).toBe('online');

    const away = visitor.next<{ conversation: VisitorConversation }>(
      'conversation:updated',
      ({ conversation }) => conversation.agent?.status === 'away',
    );
    await owner.ok('agent:status', { status: 'away' });
    expect((await away).conversation).toMatchObject({
      status: 'active',
      agent: { status: 'away' },
    });

    const back = visitor.next<{ conversation: VisitorConversation }>(
      'conversation:updated',
      ({ conversation }) => conversation.agent?.status === 'online',
    );
    await owner.ok('agent:status', { status: 'online' });
    await back;
  });
});
