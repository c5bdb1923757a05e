/**
 * Decisions that must be unique, fired from many clients at once and counted every round: on
 * one embedded relay, and on two relay processes sharing PostgreSQL and Redis with visitors and
 * agents spread over both.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Conversation, Message, Site } from '@parley/shared';
import {
  api,
  connectAgent,
  connectVisitor,
  eventually,
  fixtureParagraphs,
  login,
  relayModes,
  startServer,
  type TestServer,
} from './harness';

const ROUNDS = 5;
const VISITORS_PER_ROUND = 12;
const CAPACITY = 2;

/** Both nodes in cluster mode, alternating; the one relay when embedded. */
const nodeOf = (server: TestServer, index: number) =>
  index % 2 === 0 ? server.url : server.agentUrl;

async function ownerToken(server: TestServer): Promise<string> {
  return (await login(server.url, server.owner.ownerEmail, server.owner.ownerPassword)).token;
}

async function secondSite(server: TestServer, token: string): Promise<Site> {
  const created = await api<Site>(server.url, token, 'POST', '/api/sites', {
    name: 'Sklep Kraków',
  });
  expect(created.status).toBe(201);
  return created.body;
}

async function agentServing(
  server: TestServer,
  token: string,
  name: string,
  siteIds: string[],
  capacity: number,
) {
  const email = `${name.toLowerCase()}-${randomUUID().slice(0, 6)}@example.com`;
  const created = await api(server.url, token, 'POST', '/api/agents', {
    email,
    name,
    password: 'agent password 1',
    capacity,
    siteIds,
  });
  expect(created.status).toBe(201);
  return login(server.url, email, 'agent password 1');
}

/** How many times a conversation was handed to someone: its "joined" relay lines. */
async function joins(server: TestServer, conversationId: string): Promise<number> {
  const messages: Message[] = await server.store.listMessages(conversationId);
  return messages.filter((m) => m.author === 'system' && m.text.endsWith('joined the conversation'))
    .length;
}

// Two node processes on a loaded 2-core machine: generous time, the counting is what matters.
describe.each(relayModes())('decisions under concurrency (%s)', { timeout: 90_000 }, (mode) => {
  it('many visitors at once on two sites: no agent over capacity, nobody assigned twice, nothing closed reopens', async () => {
    await using server = await startServer({ mode });
    const texts = await fixtureParagraphs();
    const lines = [...texts.vi, ...texts.ro, ...texts.tl, ...texts.pl];
    const token = await ownerToken(server);
    const site2 = await secondSite(server, token);
    const siteIds = [server.owner.siteId, site2.id];
    const agents = await Promise.all(
      ['Ana', 'Bao', 'Cezar'].map((name) => agentServing(server, token, name, siteIds, CAPACITY)),
    );
    const consoles = await Promise.all(
      agents.map((agent, i) => connectAgent(nodeOf(server, i + 1), agent.token)),
    );
    for (const console of consoles) await console.ok('agent:hello', {});
    const totalCapacity = agents.length * CAPACITY;

    for (let round = 0; round < ROUNDS; round += 1) {
      const visitors = await Promise.all(
        Array.from({ length: VISITORS_PER_ROUND }, (_, i) =>
          connectVisitor(nodeOf(server, i), { siteId: siteIds[i % 2]! }),
        ),
      );
      for (const visitor of visitors) await visitor.ok('visitor:hello', {});
      // Everyone's first message (and a second tab's duplicate start) at the same moment.
      const sent = await Promise.all(
        visitors.flatMap((visitor, i) => [
          visitor.ok('message:send', {
            clientId: randomUUID(),
            text: lines[(round + i) % lines.length]!,
          }),
          visitor.ok('message:send', { clientId: randomUUID(), text: `#${i} lần 2` }),
        ]),
      );
      const conversationIds = [...new Set(sent.map((s) => s.message.conversationId))];
      expect(conversationIds).toHaveLength(VISITORS_PER_ROUND);

      const states = async () =>
        Promise.all(conversationIds.map(async (id) => (await server.store.getConversation(id))!));
      const assertCapacity = (conversations: Conversation[]) => {
        for (const agent of agents) {
          const active = conversations.filter(
            (c) => c.status === 'active' && c.agentId === agent.agent.id,
          ).length;
          expect(active).toBeLessThanOrEqual(CAPACITY);
        }
      };
      await eventually(async () => {
        const now = await states();
        assertCapacity(now);
        expect(now.filter((c) => c.status === 'active')).toHaveLength(totalCapacity);
      });
      const afterBurst = await states();
      const counts = await server.store.activeChatCounts(agents.map((a) => a.agent.id));
      for (const agent of agents) expect(counts.get(agent.agent.id)).toBe(CAPACITY);
      expect(afterBurst.filter((c) => c.status === 'queued')).toHaveLength(
        VISITORS_PER_ROUND - totalCapacity,
      );

      // Every chat is closed by its agent and its visitor at the same moment: one close wins.
      const byId = new Map(
        sent.map((s, i) => [s.message.conversationId, visitors[Math.floor(i / 2)]!]),
      );
      const closes: Promise<unknown>[] = [];
      for (const conversation of afterBurst) {
        const visitor = byId.get(conversation.id)!;
        closes.push(visitor.request('conversation:close', { conversationId: conversation.id }));
        const console = consoles[agents.findIndex((a) => a.agent.id === conversation.agentId)];
        if (console)
          closes.push(console.request('conversation:close', { conversationId: conversation.id }));
      }
      const answers = (await Promise.all(closes)) as { ok: boolean; error?: { code: string } }[];
      expect(answers.filter((a) => a.ok)).toHaveLength(VISITORS_PER_ROUND);
      for (const refused of answers.filter((a) => !a.ok))
        expect(refused.error?.code).toBe('CONFLICT');

      await eventually(async () => {
        const final = await states();
        expect(final.every((c) => c.status === 'closed')).toBe(true);
      });
      for (const conversation of await states()) {
        expect(conversation.closedAt).not.toBeNull();
        expect(await joins(server, conversation.id)).toBeLessThanOrEqual(1);
      }
      for (const visitor of visitors) visitor.socket.disconnect();
    }
    for (const console of consoles) console.socket.disconnect();
  });

  it('three agents taking one waiting chat at once: exactly one gets it', async () => {
    await using server = await startServer({ mode });
    const token = await ownerToken(server);
    const agents = await Promise.all(
      ['Dung', 'Elena', 'Filip'].map((name) =>
        agentServing(server, token, name, [server.owner.siteId], 3),
      ),
    );
    const consoles = await Promise.all(
      agents.map((agent, i) => connectAgent(nodeOf(server, i), agent.token)),
    );
    // Away: nobody is routed automatically, so the chats wait for a hand.
    for (const console of consoles) {
      await console.ok('agent:hello', {});
      await console.ok('agent:status', { status: 'away' });
    }
    for (let round = 0; round < 10; round += 1) {
      await using visitor = await connectVisitor(nodeOf(server, round), {
        siteId: server.owner.siteId,
      });
      await visitor.ok('visitor:hello', {});
      const { message } = await visitor.ok('message:send', {
        clientId: randomUUID(),
        text: 'Halo?',
      });
      const answers = await Promise.all(
        consoles.map((console) =>
          console.request('conversation:take', { conversationId: message.conversationId }),
        ),
      );
      expect(answers.filter((a) => a.ok)).toHaveLength(1);
      for (const refused of answers.filter((a) => !a.ok))
        expect(refused.ok === false && refused.error.code).toBe('CONFLICT');
      expect(await joins(server, message.conversationId)).toBe(1);
      const winner = answers.findIndex((a) => a.ok);
      await consoles[winner]!.ok('conversation:close', { conversationId: message.conversationId });
    }
    // A take beyond capacity is refused, as routing would.
    const busy = consoles[0]!;
    const waiting = [];
    for (let i = 0; i < 4; i += 1) {
      const visitor = await connectVisitor(server.url, { siteId: server.owner.siteId });
      await visitor.ok('visitor:hello', {});
      waiting.push({
        visitor,
        ...(await visitor.ok('message:send', { clientId: randomUUID(), text: `czekam ${i}` })),
      });
    }
    const takes = [];
    for (const w of waiting)
      takes.push(
        await busy.request('conversation:take', { conversationId: w.message.conversationId }),
      );
    expect(takes.map((t) => t.ok)).toEqual([true, true, true, false]);
    expect(takes[3]!.ok === false && takes[3]!.error.code).toBe('AGENT_UNAVAILABLE');
    for (const w of waiting) w.visitor.socket.disconnect();
    for (const console of consoles) console.socket.disconnect();
  });

  it('seen marks, identify and page views sent at the same moment all land', async () => {
    await using server = await startServer({ mode });
    const token = await ownerToken(server);
    await using agent = await connectAgent(server.agentUrl, token);
    await agent.ok('agent:hello', {});
    await using visitor = await connectVisitor(server.url, { siteId: server.owner.siteId });
    await visitor.ok('visitor:hello', {});
    const { message } = await visitor.ok('message:send', {
      clientId: randomUUID(),
      text: 'Xin chào',
    });
    const conversationId = message.conversationId;
    for (let round = 1; round <= 10; round += 1) {
      const { message: reply } = await agent.ok('message:send', {
        conversationId,
        clientId: randomUUID(),
        text: `Trả lời ${round}`,
      });
      await Promise.all([
        visitor.ok('seen:set', { conversationId, seq: reply.seq }),
        agent.ok('seen:set', { conversationId, seq: reply.seq }),
        visitor.ok('visitor:identify', {
          name: `Khách ${round}`,
          fields: { [`answer${round}`]: String(round) },
        }),
        visitor.ok('page:view', {
          url: `https://shop.example/p/${round}`,
          title: `Sản phẩm ${round}`,
          referrer: '',
        }),
      ]);
      const stored = (await server.store.getConversation(conversationId))!;
      expect(stored.seen).toEqual({ visitor: reply.seq, agent: reply.seq });
      const profile = (await server.store.getVisitor(stored.visitorId))!;
      expect(profile.name).toBe(`Khách ${round}`);
      expect(profile.page?.url).toBe(`https://shop.example/p/${round}`);
      expect(Object.keys(profile.fields)).toHaveLength(round);
    }
  });
});
