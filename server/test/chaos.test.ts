/**
 * Chaos: 50 visitors and 5 agents chat while their connections are cut at random moments, on one
 * embedded relay and on two relay processes sharing PostgreSQL and Redis (clients spread over
 * both). The clients behave as the widget and the console do (chat-clients.ts): Socket.IO's own
 * reconnection, a hello and a catch-up on every connect, an outbox resent with the same clientId.
 * Afterwards every transcript (over REST) and every client's view holds each message exactly
 * once, in seq order without gaps, and every acknowledged message is stored exactly once.
 *
 * The cuts come from one seeded generator, the traffic from another; the seed is printed, and
 * `CHAOS_SEED=<seed> npx vitest run server/test/chaos.test.ts` cuts on the same schedule again
 * (what the traffic does around the cuts still depends on the machine's timing).
 */
import { describe, expect, it } from 'vitest';
import type { ConversationDetail, ConversationList, Message } from '@parley/shared';
import {
  openConsole,
  openVisitor,
  type ChatClient,
  type ConsoleClient,
  type Sent,
  type VisitorClient,
} from './chat-clients';
import { duplicates, orderViolations, within } from './cluster-support';
import {
  api,
  createAgent,
  fixtureParagraphs,
  login,
  relayModes,
  startServer,
  type TestServer,
} from './harness';
import { freshSeed, seededRandom, type SeededRandom } from './seeded-random';

const SEED = process.env['CHAOS_SEED'] ? Number(process.env['CHAOS_SEED']) : freshSeed();

const VISITORS = 50;
const MESSAGES_PER_VISITOR = 8;
/** Four agents routing fills (40 chats); the fifth is away and takes the rest by hand. */
const ROUTED_AGENTS = ['Ana', 'Bao', 'Cezar', 'Dorota'];
const ROUTED_CAPACITY = 10;
const TAKER = 'Emil';
const TAKER_CAPACITY = 15;
const REPLIES_PER_CONVERSATION = 4;

/** The chaotic part: ticks of traffic with cuts between them. */
const TICKS = 100;
const TICK_MS = 200;
/** Visitors open their chat within the first ticks, then write now and then. */
const START_TICKS = 20;
const SEND_CHANCE = 0.3;
/** An agent answers one waiting conversation per tick at most (the per-socket request limit). */
const REPLY_CHANCE = 0.5;
const CUT_CHANCE = 0.8;
/** A cut client is sometimes cut again the moment it is back, its hello and catch-up in flight. */
const RECUT_CHANCE = 0.2;
/** With two nodes, a cut client sometimes comes back through the other one. */
const MOVE_CHANCE = 0.5;
/** Now and then several clients lose their connection at once (a flaky network segment). */
const BURST_CHANCE = 0.1;
const BURST_SIZE = 8;
/** After the chaos, how long the calm part may take to answer and drain everything. */
const SETTLE_MS = 30_000;

/** Both nodes in cluster mode, alternating; the one relay when embedded. */
const nodeOf = (server: TestServer, index: number) =>
  index % 2 === 0 ? server.url : server.agentUrl;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The node a client is not connected to now (cluster mode), or undefined with one relay. */
function otherNode(server: TestServer, client: ChatClient): string | undefined {
  if (server.url === server.agentUrl) return undefined;
  const current = new URL((client.socket.io as unknown as { uri: string }).uri).origin;
  return current === new URL(server.url).origin ? server.agentUrl : server.url;
}

/** How a connection is lost. */
type Cut = 'engine-close' | 'tcp-cut';

/**
 * Drops the client's connection under Socket.IO's feet, so its manager reconnects by itself:
 * either Engine.IO closes the transport, or the WebSocket's TCP connection is destroyed with no
 * closing handshake (in-flight frames and acks are lost). Returns false if it was not connected.
 */
function cut(client: ChatClient, how: Cut, reconnectTo?: string): boolean {
  if (!client.socket.connected) return false;
  if (reconnectTo) {
    // As a load balancer may send a reconnect elsewhere (after a failover, or a client whose
    // address changed): the manager's next connection goes to the other node. The address is
    // private to socket.io-client, hence the cast.
    const manager = client.socket.io as unknown as { uri: string };
    manager.uri = manager.uri.replace(new URL(manager.uri).origin, reconnectTo);
  }
  const engine = client.socket.io.engine;
  const ws = (engine.transport as { ws?: { terminate?: () => void } }).ws;
  if (how === 'tcp-cut' && ws?.terminate) ws.terminate();
  else engine.close();
  return true;
}

interface Agent {
  name: string;
  id: string;
  token: string;
  console: ConsoleClient;
  /** Conversations this agent knows to be theirs (routed, taken, or found on reconnect). */
  mine: Set<string>;
  replies: Map<string, number>;
  /** Conversations with a reply still in the outbox. */
  replying: Set<string>;
  sends: Promise<Message>[];
}

/** Chats routed to `agentId` or taken by them, as the console's inbox lists them. */
async function openChatsOf(server: TestServer, agent: { id: string; token: string }) {
  const list = await api<ConversationList>(
    server.agentUrl,
    agent.token,
    'GET',
    `/api/conversations?agentId=${agent.id}&status=open&limit=200`,
  );
  if (list.status !== 200) throw new Error(`inbox refresh: ${list.status}`);
  return list.body.items.map((item) => item.conversation.id);
}

async function openAgent(
  server: TestServer,
  ownerToken: string,
  name: string,
  capacity: number,
  index: number,
): Promise<Agent> {
  const signedIn = await createAgent(server, ownerToken, name, capacity);
  const mine = new Set<string>();
  const identity = { id: signedIn.agent.id, token: signedIn.token };
  const console = await openConsole(nodeOf(server, index), signedIn.token, {
    async discover() {
      const ids = await openChatsOf(server, identity);
      for (const id of ids) mine.add(id);
      return ids;
    },
  });
  const agent: Agent = {
    name,
    ...identity,
    console,
    mine,
    replies: new Map(),
    replying: new Set(),
    sends: [],
  };
  console.socket.on(
    'conversation:updated',
    ({ conversation }: { conversation: { id: string; agentId: string | null } }) => {
      if (conversation.agentId === agent.id) learn(agent, conversation.id);
    },
  );
  return agent;
}

/** The agent opens a conversation that became theirs; a cut meanwhile is caught up on connect. */
function learn(agent: Agent, conversationId: string): void {
  if (agent.mine.has(conversationId)) return;
  agent.mine.add(conversationId);
  agent.console.catchUp(conversationId).catch(() => {});
}

/** Conversations where the visitor wrote after the agent's last reply (as the agent sees it). */
function waitingForAnswer(agent: Agent): string[] {
  return [...agent.mine].filter((id) => {
    if (agent.replying.has(id) || (agent.replies.get(id) ?? 0) >= REPLIES_PER_CONVERSATION)
      return false;
    const messages = agent.console.messages(id);
    const lastOwn = Math.max(
      0,
      ...messages.filter((m) => m.agentId === agent.id).map((m) => m.seq),
    );
    return messages.some((m) => m.author === 'visitor' && m.seq > lastOwn);
  });
}

function reply(agent: Agent, conversationId: string, text: string): void {
  agent.replying.add(conversationId);
  agent.replies.set(conversationId, (agent.replies.get(conversationId) ?? 0) + 1);
  const sending = agent.console.send(conversationId, text);
  agent.sends.push(sending);
  sending.then(
    () => agent.replying.delete(conversationId),
    () => agent.replying.delete(conversationId),
  );
}

/** The away agent takes a waiting chat from the queue, as an agent picking from the inbox would. */
async function takeOne(server: TestServer, agent: Agent): Promise<boolean> {
  const queued = await api<ConversationList>(
    server.agentUrl,
    agent.token,
    'GET',
    `/api/conversations?siteId=${server.owner.siteId}&status=queued&kind=chat&limit=200`,
  );
  const waiting = queued.body.items.at(-1)?.conversation.id;
  if (!waiting) return false;
  const answer = (await agent.console.socket
    .timeout(4000)
    .emitWithAck('conversation:take', { conversationId: waiting })
    .catch(() => null)) as { ok: boolean } | null;
  // Refused (routing or a cut got there first) or the ack was lost: the next tick looks again.
  if (answer?.ok) learn(agent, waiting);
  return true;
}

/** `seq:id` per message, a readable and exact picture of a transcript or a view. */
const picture = (messages: Message[]) => messages.map((m) => `${m.seq}:${m.id}`);

interface Run {
  seed: number;
  cuts: number;
  /** Cuts after which the client came back through the other node. */
  moves: number;
  visitors: VisitorClient[];
  agents: Agent[];
  visitorSends: Promise<Message>[][];
}

async function chat(server: TestServer, ownerToken: string): Promise<Run> {
  const cuts = seededRandom(SEED);
  const traffic: SeededRandom = seededRandom(SEED ^ 0x5eed);
  const text = await fixtureParagraphs();
  const lines = [...text.vi, ...text.ro, ...text.tl, ...text.pl];

  const agents: Agent[] = [];
  for (const [i, name] of ROUTED_AGENTS.entries())
    agents.push(await openAgent(server, ownerToken, name, ROUTED_CAPACITY, i + 1));
  const taker = await openAgent(server, ownerToken, TAKER, TAKER_CAPACITY, 0);
  const away = await taker.console.socket
    .timeout(4000)
    .emitWithAck('agent:status', { status: 'away' });
  expect(away).toMatchObject({ ok: true });
  agents.push(taker);

  const visitors = await Promise.all(
    Array.from({ length: VISITORS }, (_, i) => openVisitor(nodeOf(server, i), server.owner.siteId)),
  );
  const startAt = visitors.map(() => traffic.below(START_TICKS));
  const visitorSends: Promise<Message>[][] = visitors.map(() => []);
  const clients: ChatClient[] = [...visitors, ...agents.map((a) => a.console)];
  let cutCount = 0;
  let moveCount = 0;

  const visitorsWrite = (tick: number, calm: boolean) => {
    for (const [i, visitor] of visitors.entries()) {
      const sends = visitorSends[i]!;
      if (sends.length >= MESSAGES_PER_VISITOR || tick < startAt[i]!) continue;
      if (!calm && !traffic.chance(SEND_CHANCE)) continue;
      sends.push(
        visitor.send(`${lines[(i * 7 + sends.length) % lines.length]!} [${i}.${sends.length}]`),
      );
    }
  };
  const agentsAnswer = () => {
    for (const agent of agents) {
      const waiting = waitingForAnswer(agent);
      if (waiting.length === 0 || !traffic.chance(REPLY_CHANCE)) continue;
      const id = traffic.pick(waiting);
      reply(agent, id, `${agent.name}: ${lines[traffic.below(lines.length)]!.slice(0, 120)}`);
    }
  };
  let taking: Promise<boolean> | null = null;
  let queueEmpty = false;
  const takerTakes = () => {
    taking ??= takeOne(server, taker)
      .then((found) => (queueEmpty = !found))
      .catch(() => false)
      .finally(() => (taking = null));
  };

  for (let tick = 0; tick < TICKS; tick++) {
    visitorsWrite(tick, false);
    agentsAnswer();
    takerTakes();
    // Let the sends reach the wire, so a cut often lands on a request in flight.
    await new Promise((resolve) => setImmediate(resolve));
    if (cuts.chance(CUT_CHANCE)) {
      const how: Cut = cuts.chance(0.5) ? 'engine-close' : 'tcp-cut';
      const client = cuts.pick(clients);
      // Every draw is made whatever the clients' state, so a seed always cuts on one schedule.
      const elsewhere = cuts.chance(MOVE_CHANCE) ? otherNode(server, client) : undefined;
      const recut = cuts.chance(RECUT_CHANCE);
      if (cut(client, how, elsewhere)) {
        cutCount++;
        if (elsewhere) moveCount++;
        if (recut)
          client.socket.io.once('open', () =>
            // The connect handler has just emitted the hello: cut with it on the wire.
            client.socket.once('connect', () =>
              setImmediate(() => cut(client, 'tcp-cut') && cutCount++),
            ),
          );
      }
    }
    if (cuts.chance(BURST_CHANCE)) {
      for (let n = 0; n < BURST_SIZE; n++) if (cut(cuts.pick(clients), 'tcp-cut')) cutCount++;
    }
    await sleep(TICK_MS);
  }

  // Calm: every visitor finishes writing, agents answer what waits, the queue is taken.
  const deadline = Date.now() + SETTLE_MS;
  for (;;) {
    visitorsWrite(TICKS, true);
    agentsAnswer();
    takerTakes();
    await sleep(TICK_MS);
    const answered = agents.every((agent) => waitingForAnswer(agent).length === 0);
    const written = visitorSends.every((sends) => sends.length === MESSAGES_PER_VISITOR);
    const idle = agents.every((agent) => agent.replying.size === 0);
    if ((answered && written && idle && queueEmpty) || Date.now() > deadline) break;
  }
  await within(
    SETTLE_MS,
    Promise.all([...visitorSends.flat(), ...agents.flatMap((a) => a.sends)]),
    `every send acknowledged (seed ${SEED})`,
  );
  await within(
    10_000,
    Promise.all(clients.map((client) => client.ready())),
    `every client connected again (seed ${SEED})`,
  );
  return { seed: SEED, cuts: cutCount, moves: moveCount, visitors, agents, visitorSends };
}

// Two node processes on a loaded 2-core machine: generous time, the counting is what matters.
describe.each(relayModes())(
  'chaos: connections cut at random (%s)',
  { timeout: 120_000 },
  (mode) => {
    it('every message sent is stored once, in order, and every client ends up holding all of it', async () => {
      process.stdout.write(`chaos seed ${SEED} (${mode}); replay with CHAOS_SEED=${SEED}\n`);
      // Each test console follows every chat of its agent (as if it had them all open), so a
      // reconnect asks for each one's history at once: more requests than a person's console makes.
      await using server = await startServer({
        mode,
        limits: { socketRequests: { points: 120, durationSeconds: 5 } },
      });
      const owner = await login(server.url, server.owner.ownerEmail, server.owner.ownerPassword);
      const run = await chat(server, owner.token);
      const seed = `seed ${run.seed}`;
      try {
        const ids = run.visitors.map((visitor) => visitor.conversationId());
        expect(new Set(ids).size, `one conversation per visitor (${seed})`).toBe(VISITORS);
        const details = new Map<string, ConversationDetail>();
        for (const id of ids as string[]) {
          const reply = await api<ConversationDetail>(
            server.url,
            owner.token,
            'GET',
            `/api/conversations/${id}`,
          );
          expect(reply.status).toBe(200);
          details.set(id, reply.body);
        }

        const everySend: (Sent & { conversationId: string })[] = [];
        for (const [i, visitor] of run.visitors.entries())
          for (const sent of visitor.sent()) everySend.push({ ...sent, conversationId: ids[i]! });
        const agentSends = new Map<string, Message>();
        for (const agent of run.agents)
          for (const message of await Promise.all(agent.sends))
            agentSends.set(message.clientId, message);
        for (const agent of run.agents)
          for (const sent of agent.console.sent())
            everySend.push({
              ...sent,
              conversationId: agentSends.get(sent.clientId)!.conversationId,
            });
        const storedTimes = new Map<string, number>();

        for (const [id, { conversation, messages }] of details) {
          const where = `conversation ${id} (${seed})`;
          expect
            .soft(
              messages.map((m) => m.seq),
              `${where}: seq 1, 2, 3… in order`,
            )
            .toEqual(messages.map((_, i) => i + 1));
          expect
            .soft(new Set(messages.map((m) => m.id)).size, `${where}: ids`)
            .toBe(messages.length);
          const said = messages.filter((m) => m.author !== 'system');
          expect.soft(duplicates(said), `${where}: clientIds stored twice`).toEqual({});
          for (const m of said) storedTimes.set(m.clientId, (storedTimes.get(m.clientId) ?? 0) + 1);
          const sentHere = everySend.filter((s) => s.conversationId === id);
          expect
            .soft(said.map((m) => m.clientId).sort(), `${where}: stored = sent`)
            .toEqual(sentHere.map((s) => s.clientId).sort());
          expect.soft(orderViolations(said, sentHere), `${where}: causal order`).toEqual([]);
          const visitor = run.visitors[ids.indexOf(id)]!;
          expect
            .soft(
              said.filter((m) => m.author === 'visitor').map((m) => m.clientId),
              `${where}: the visitor's messages in the order sent`,
            )
            .toEqual(visitor.sent().map((s) => s.clientId));
          for (const agent of run.agents) {
            expect
              .soft(
                said.filter((m) => m.agentId === agent.id).map((m) => m.clientId),
                `${where}: ${agent.name}'s messages in the order sent`,
              )
              .toEqual(
                agent.console
                  .sent()
                  .map((s) => s.clientId)
                  .filter((c) => agentSends.get(c)?.conversationId === id),
              );
          }
          expect
            .soft(
              messages.filter(
                (m) => m.author === 'system' && m.text.endsWith('joined the conversation'),
              ).length,
              `${where}: handed to an agent once`,
            )
            .toBe(1);
          expect.soft(conversation.status, `${where}: status`).toBe('active');
        }
        const acked = everySend.filter((s) => s.ackedAt !== null);
        expect(acked.length, 'every send was acknowledged').toBe(everySend.length);
        expect
          .soft(
            acked.filter((s) => storedTimes.get(s.clientId) !== 1).map((s) => s.clientId),
            `acknowledged messages not stored exactly once (${seed})`,
          )
          .toEqual([]);

        // Live announcements may still be on their way: views converge on the transcripts.
        const views = [
          ...run.visitors.map((visitor, i) => ({
            who: `visitor ${i}`,
            client: visitor as ChatClient,
            id: ids[i]!,
            // Visitors never receive internal notes.
            expected: details.get(ids[i]!)!.messages.filter((m) => !m.internal),
          })),
          ...run.agents.flatMap((agent) =>
            [...details]
              .filter(([, detail]) => detail.conversation.agentId === agent.id)
              .map(([id, detail]) => ({
                who: agent.name,
                client: agent.console as ChatClient,
                id,
                expected: detail.messages,
              })),
          ),
        ];
        const lagging = () =>
          views.filter(
            (view) =>
              picture(view.client.messages(view.id)).join() !== picture(view.expected).join(),
          );
        const viewDeadline = Date.now() + 10_000;
        while (lagging().length > 0 && Date.now() < viewDeadline) await sleep(100);
        for (const view of lagging())
          expect
            .soft(
              picture(view.client.messages(view.id)),
              `what ${view.who} holds of ${view.id} (${seed})`,
            )
            .toEqual(picture(view.expected));

        const resent = everySend.filter((s) => s.attempts > 1).length;
        const reconnects = [...run.visitors, ...run.agents.map((a) => a.console)].reduce(
          (sum, c) => sum + c.connects() - 1,
          0,
        );
        process.stdout.write(
          `chaos (${mode}, ${seed}): ${run.cuts} cuts (${run.moves} back through the other node), ` +
            `${reconnects} reconnects, ` +
            `${everySend.length} messages (${resent} resent after a lost ack)\n`,
        );
        expect(run.cuts, 'the run did cut connections').toBeGreaterThan(20);
      } finally {
        for (const client of [...run.visitors, ...run.agents.map((a) => a.console)]) client.close();
      }
    });
  },
);
