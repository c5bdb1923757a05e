/**
 * Two nodes behind the shipped nginx config, a visitor and an agent on different nodes, and one
 * node killed with SIGKILL mid-conversation: the clients reconnect through nginx by themselves and
 * the conversation goes on as if nothing happened. CI (.ci/run) sets DATABASE_URL and REDIS_URL,
 * so this runs there; it needs nginx (Debian's package, /usr/sbin/nginx).
 */
import { describe, expect, it } from 'vitest';
import { openConsole, openVisitor, type ConsoleClient, type VisitorClient } from './chat-clients';
import { startCluster } from './cluster';
import {
  agentNow,
  clip,
  createAgent,
  detail,
  duplicates,
  loginOwner,
  orderViolations,
  reportedByEachNode,
  stored,
  within,
} from './cluster-support';
import { eventually, fixtureParagraphs } from './harness';

const databaseUrl = process.env['DATABASE_URL'];
const redisUrl = process.env['REDIS_URL'];

/** Passed to every node (PARLEY_AGENT_GRACE_MS; default 60 s). */
const GRACE_MS = 3000;
const GRACE_ENV = { PARLEY_AGENT_GRACE_MS: String(GRACE_MS) };
/**
 * How long past the grace period a surviving node may take to notice and requeue: a dead node's
 * presence entries expire within 9 s, and if it held the chores lease, the survivor takes it
 * over within another 9 s; plus room for a loaded CI machine.
 */
const REQUEUE_SLACK_MS = 25_000;

const QUEUED = { status: 'queued', agentId: null };

const VISITOR_NODE = 0;
const AGENT_NODE = 1;

describe.skipIf(!databaseUrl || !redisUrl)('several nodes behind nginx', () => {
  it.each(['visitor', 'agent'] as const)(
    "keeps the conversation whole when the %s's node is killed mid-conversation",
    async (side) => {
      const text = await fixtureParagraphs();
      const visitorLines = [...text.vi, ...text.tl];
      const agentLines = [...text.pl];
      let v = 0;
      let a = 0;

      await using cluster = await startCluster({ nodes: 2, env: GRACE_ENV });
      const owner = await loginOwner(cluster.url);
      const ana = await createAgent(cluster.url, owner.token, cluster.siteId, 'Ana', 1);
      const activeForAna = { status: 'active', agentId: ana.agent.id };

      const [visitorAddress, agentAddress] = await Promise.all([
        cluster.addressFor(VISITOR_NODE),
        cluster.addressFor(AGENT_NODE),
      ]);
      await using agentConsole = await openConsole(cluster.url, ana.token, {
        localAddress: agentAddress,
      });
      await using visitor = await openVisitor(cluster.url, cluster.siteId, {
        localAddress: visitorAddress,
      });
      expect(await cluster.connections(VISITOR_NODE)).toMatchObject({ visitor: 1, agent: 0 });
      expect(await cluster.connections(AGENT_NODE)).toMatchObject({ visitor: 0, agent: 1 });
      // Both started on long-polling, as the widget and console do, and upgraded through nginx.
      await eventually(() =>
        expect([visitor, agentConsole].map((c) => c.socket.io.engine.transport.name)).toEqual([
          'websocket',
          'websocket',
        ]),
      );

      // Before: a few messages each way; Ana's first reply takes the chat if routing has not.
      const first = await visitor.send(visitorLines[v++]!);
      const conversationId = first.conversationId;
      agentConsole.follow(conversationId);
      for (let round = 0; round < 3; round++) {
        await agentConsole.send(conversationId, agentLines[a++]!);
        await visitor.send(visitorLines[v++]!);
      }
      await eventually(async () =>
        expect(await stored(cluster, conversationId)).toEqual(activeForAna),
      );

      // A second visitor arrives while Ana is at her capacity of one: queued.
      await using waiting = await openVisitor(cluster.url, cluster.siteId, {
        localAddress: visitorAddress,
      });
      const waitingId = (await waiting.send(text.ro[0]!)).conversationId;
      await eventually(async () => expect(await stored(cluster, waitingId)).toEqual(QUEUED));

      // The killed side has a message in flight when its node dies; the other side keeps talking.
      const killed = side === 'visitor' ? VISITOR_NODE : AGENT_NODE;
      const survivor = 1 - killed;
      const inFlight =
        side === 'visitor'
          ? visitor.send(visitorLines[v++]!)
          : agentConsole.send(conversationId, agentLines[a++]!);
      // Once it is on the wire the node may or may not store it before it dies; the ack is lost.
      await new Promise((resolve) => setImmediate(resolve));
      await cluster.kill(killed);
      const others =
        side === 'visitor'
          ? [agentConsole.send(conversationId, agentLines[a++]!)]
          : [visitor.send(visitorLines[v++]!)];
      await within(20_000, Promise.all([inFlight, ...others]), 'the sends around the kill');

      const moved: ChatSide = side === 'visitor' ? visitor : agentConsole;
      expect(moved.connects()).toBeGreaterThan(1);
      await eventually(async () => {
        expect(await cluster.connections(survivor)).toMatchObject({ visitor: 2, agent: 1 });
      }, 10_000);

      // After: both sides go on through the surviving node.
      for (let round = 0; round < 2; round++) {
        await visitor.send(visitorLines[v++]!);
        await agentConsole.send(conversationId, agentLines[a++]!);
      }

      const sentByVisitor = visitor.sent();
      const sentByAgent = agentConsole.sent();
      const everything = [...sentByVisitor, ...sentByAgent];
      const transcript = (await detail(cluster.url, owner.token, conversationId)).messages;
      const said = transcript.filter((m) => m.author !== 'system');
      const show = (messages: { text: string }[]) => messages.map((m) => clip(m.text, 40));

      // Every message exactly once, nothing else, in an order consistent with the acks.
      expect.soft(duplicates(said), 'clientIds stored twice').toEqual({});
      expect
        .soft(said.map((m) => m.clientId).sort(), 'the stored messages are the ones sent')
        .toEqual(everything.map((s) => s.clientId).sort());
      expect
        .soft(
          said.filter((m) => m.author === 'visitor').map((m) => m.clientId),
          "the visitor's messages in the order sent",
        )
        .toEqual(sentByVisitor.map((s) => s.clientId));
      expect
        .soft(
          said.filter((m) => m.author === 'agent').map((m) => m.clientId),
          "Ana's messages in the order sent",
        )
        .toEqual(sentByAgent.map((s) => s.clientId));
      expect.soft(orderViolations(said, everything), 'acked before sent, yet later').toEqual([]);
      expect
        .soft(
          transcript.filter((m) => m.author === 'system').map((m) => m.text),
          'relay lines in the transcript',
        )
        .toEqual(['Ana joined the conversation']);

      // Each side holds every message of the other exactly once (live or caught up).
      const storedBy = (author: string) =>
        show(said.filter((m) => m.author === author).sort((x, y) => x.seq - y.seq));
      await eventually(() => {
        expect(show(visitor.messages(conversationId).filter((m) => m.author === 'agent'))).toEqual(
          storedBy('agent'),
        );
        expect(
          show(agentConsole.messages(conversationId).filter((m) => m.author === 'visitor')),
        ).toEqual(storedBy('visitor'));
      }, 5000).catch((error: unknown) =>
        expect.soft(error, "each side holds the other's messages").toBeUndefined(),
      );

      // Still Ana's, still active, and every node says so; the second visitor still waits.
      expect
        .soft(await stored(cluster, conversationId), 'the conversation after failover')
        .toEqual(activeForAna);
      expect
        .soft(await reportedByEachNode(cluster, owner.token, conversationId), 'as nodes report it')
        .toEqual({ [`node ${survivor}`]: activeForAna });
      expect
        .soft(await stored(cluster, waitingId), "the waiting visitor's conversation after failover")
        .toEqual(QUEUED);
      await waiting.ready();
      expect
        .soft(waiting.conversation(), 'what the waiting visitor is shown')
        .toMatchObject({ id: waitingId, status: 'queued', queuePosition: 1 });

      // Chores run on the survivor: Ana closes her console and stays away past the grace period.
      agentConsole.close();
      await eventually(
        async () => expect(await stored(cluster, conversationId)).toEqual(QUEUED),
        GRACE_MS + REQUEUE_SLACK_MS,
      ).catch((error: unknown) =>
        expect.soft(error, "Ana's chat requeued after the grace period").toBeUndefined(),
      );
      expect
        .soft((await agentNow(cluster.url, owner.token, ana.agent.id)).status, "Ana's status")
        .toBe('offline');
    },
    120_000,
  );

  it("requeues an agent's chats after the grace period when their node dies with their console", async () => {
    const text = await fixtureParagraphs();
    await using cluster = await startCluster({ nodes: 2, env: GRACE_ENV });
    const owner = await loginOwner(cluster.url);
    const ana = await createAgent(cluster.url, owner.token, cluster.siteId, 'Ana', 2);
    // A console that is gone with its node (the laptop was closed): no reconnection.
    await using agentConsole = await openConsole(cluster.url, ana.token, {
      localAddress: await cluster.addressFor(AGENT_NODE),
      reconnection: false,
    });
    await using visitor = await openVisitor(cluster.url, cluster.siteId, {
      localAddress: await cluster.addressFor(VISITOR_NODE),
    });
    const { conversationId } = await visitor.send(text.vi[0]!);
    await agentConsole.send(conversationId, text.pl[0]!);
    await eventually(async () =>
      expect(await stored(cluster, conversationId)).toEqual({
        status: 'active',
        agentId: ana.agent.id,
      }),
    );

    await cluster.kill(AGENT_NODE);
    const started = Date.now();
    await eventually(
      async () =>
        expect(
          await stored(cluster, conversationId),
          'the chat of an agent whose node died',
        ).toEqual(QUEUED),
      GRACE_MS + REQUEUE_SLACK_MS,
    );
    expect(Date.now() - started, 'not before the grace period').toBeGreaterThanOrEqual(
      GRACE_MS - 500,
    );
    // The store decides first; the announcement to the visitor follows it.
    await eventually(() =>
      expect(visitor.conversation()).toMatchObject({ id: conversationId, status: 'queued' }),
    );
    expect((await agentNow(cluster.url, owner.token, ana.agent.id)).status).toBe('offline');
  }, 60_000);

  it('sends connections to a killed node again once it is restarted on its address', async () => {
    const text = await fixtureParagraphs();
    await using cluster = await startCluster({ nodes: 2 });
    const owner = await loginOwner(cluster.url);
    const address = await cluster.addressFor(0);

    await cluster.kill(0);
    expect(await cluster.nodeFor(address), 'while it is down').toBe(1);
    await cluster.restart(0);
    // nginx leaves a failed node out for fail_timeout (10 s), then tries it again.
    await eventually(async () => expect(await cluster.nodeFor(address)).toBe(0), 15_000);

    await using agentConsole = await openConsole(cluster.url, owner.token, {
      localAddress: await cluster.addressFor(1),
    });
    await using visitor = await openVisitor(cluster.url, cluster.siteId, { localAddress: address });
    expect(await cluster.connections(0)).toMatchObject({ visitor: 1 });
    // A waiting chat's first message reaches the site's consoles as a summary.
    const atAgent = agentConsole.next<{ conversations: { message: { text: string } }[] }>(
      'inbox:activity',
      (e) => e.conversations.some((activity) => activity.message.text === text.tl[0]),
    );
    await visitor.send(text.tl[0]!);
    expect((await atAgent).conversations.map((activity) => activity.message.text)).toContain(
      text.tl[0],
    );
  }, 60_000);
});

type ChatSide = VisitorClient | ConsoleClient;
