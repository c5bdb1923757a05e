/**
 * Availability and routing do not depend on which node a visitor and an agent happen to be
 * connected to: an agent online on one node serves visitors on every node.
 */
import { describe, expect, it } from 'vitest';
import type { Message, VisitorConversation } from '@parley/shared';
import { openConsole, openVisitor } from './chat-clients';
import { startCluster } from './cluster';
import { agentNow, createAgent, loginOwner, reportedByEachNode, stored } from './cluster-support';
import { eventually, fixtureParagraphs } from './harness';

const databaseUrl = process.env['DATABASE_URL'];
const redisUrl = process.env['REDIS_URL'];

describe.skipIf(!databaseUrl || !redisUrl)('availability across nodes', () => {
  it('tells a visitor on node A that an agent online on node B is there, and routes the chat to them', async () => {
    const text = await fixtureParagraphs();
    await using cluster = await startCluster({ nodes: 2, nginx: false });
    const [a, b] = cluster.nodes;
    const owner = await loginOwner(b!.url);
    const bo = await createAgent(b!.url, owner.token, cluster.siteId, 'Bo', 3);
    await using agentConsole = await openConsole(b!.url, bo.token);
    await eventually(async () =>
      expect((await agentNow(b!.url, owner.token, bo.agent.id)).status).toBe('online'),
    );

    await using visitor = await openVisitor(a!.url, cluster.siteId);
    expect.soft(visitor.session()?.site.available, 'site.available in visitor:hello').toBe(true);

    const assigned = agentConsole.next<{ conversation: { agentId: string | null } }>(
      'conversation:updated',
      (e) => e.conversation.agentId === bo.agent.id,
    );
    const joined = visitor.next<{ conversation: VisitorConversation }>(
      'conversation:updated',
      (e) => e.conversation.status === 'active',
    );
    const { conversationId } = await visitor.send(text.tl[1]!);
    await eventually(async () =>
      expect(await stored(cluster, conversationId), 'the chat in the database').toEqual({
        status: 'active',
        agentId: bo.agent.id,
      }),
    ).catch((error: unknown) => expect.soft(error).toBeUndefined());
    await expect.soft(assigned, "Bo's console hears of the assignment").resolves.toBeDefined();
    await expect
      .soft(joined, 'the visitor sees Bo join')
      .resolves.toMatchObject({ conversation: { agent: { name: 'Bo' } } });
    expect
      .soft(await reportedByEachNode(cluster, owner.token, conversationId), 'as nodes report it')
      .toEqual({
        'node 0': { status: 'active', agentId: bo.agent.id },
        'node 1': { status: 'active', agentId: bo.agent.id },
      });
  }, 60_000);

  it('routes a visitor who queued on node A once an agent comes online on node B', async () => {
    const text = await fixtureParagraphs();
    await using cluster = await startCluster({ nodes: 2, nginx: false });
    const [a, b] = cluster.nodes;
    const owner = await loginOwner(a!.url);
    const bo = await createAgent(a!.url, owner.token, cluster.siteId, 'Bo', 3);

    await using visitor = await openVisitor(a!.url, cluster.siteId);
    expect(visitor.session()?.site.available, 'nobody is online yet').toBe(false);
    const available = visitor.next<{ available: boolean }>('presence:changed', (e) => e.available);
    const { conversationId } = await visitor.send(text.vi[1]!);
    expect(await stored(cluster, conversationId)).toEqual({ status: 'queued', agentId: null });

    // The console's hello answers once Bo is online and the queue has drained to him, so the
    // relay line is looked for in the transcript Bo's console can read, not awaited live.
    await using agentConsole = await openConsole(b!.url, bo.token);
    await expect.soft(available, 'presence:changed to the visitor on node A').resolves.toEqual({
      available: true,
      agent: null,
    });
    await eventually(async () =>
      expect(await stored(cluster, conversationId), 'the queued chat').toEqual({
        status: 'active',
        agentId: bo.agent.id,
      }),
    ).catch((error: unknown) => expect.soft(error).toBeUndefined());
    const history = await agentConsole.socket
      .timeout(5000)
      .emitWithAck('message:history', { conversationId, afterSeq: 0 });
    expect
      .soft(
        (history as { data?: { messages: Message[] } }).data?.messages.map((m) => m.text),
        '"Bo joined the conversation" in the transcript',
      )
      .toContain('Bo joined the conversation');
  }, 60_000);
});
