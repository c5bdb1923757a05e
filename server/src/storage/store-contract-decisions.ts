/**
 * Contract cases for the decisions that must be unique: each is fired many times at once and
 * the outcome counted. A store passes only if exactly one caller wins every time.
 */
import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import type { Conversation } from '@parley/shared';
import { closing, seeing } from './conversation-transitions';
import type { ContractContext } from './store-contract-context';
import {
  at,
  makeAgent,
  makeConversation,
  makeMessage,
  makeVisitor,
} from './store-contract-fixtures';

const ROUNDS = 10;

/** Registers the cases; call inside a `describe`. */
export function decisionsContract(ctx: ContractContext): void {
  const chat = (siteId: string, overrides: Partial<Conversation> = {}) =>
    makeConversation(siteId, `visitor_${randomUUID()}`, overrides);

  it('many first messages at once open one chat per visitor', async () => {
    for (let round = 0; round < ROUNDS; round += 1) {
      const visitorId = `visitor_${randomUUID()}`;
      const results = await Promise.all(
        Array.from({ length: 8 }, () =>
          ctx.store().startChat(makeConversation('site_1', visitorId)),
        ),
      );
      expect(results.filter((result) => result.created)).toHaveLength(1);
      expect(new Set(results.map((result) => result.conversation.id)).size).toBe(1);
      expect((await ctx.store().openChatOf(visitorId))?.id).toBe(results[0]!.conversation.id);
    }
    await expect(
      ctx
        .store()
        .createConversation(
          makeConversation('site_1', (await ctx.store().listOpenConversations())[0]!.visitorId),
        ),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('an agent serving two sites never gets more chats than their capacity, however they arrive', async () => {
    const store = ctx.store();
    for (let round = 0; round < ROUNDS; round += 1) {
      const agent = await store.createAgent(
        makeAgent({ status: 'online', capacity: 2, siteIds: ['site_a', 'site_b'] }),
      );
      const candidates = [{ agentId: agent.id, connectedSince: 0 }];
      const queued = [];
      for (const siteId of ['site_a', 'site_b', 'site_a', 'site_b', 'site_a'])
        queued.push(await store.createConversation(chat(siteId, { queuedAt: at(round) })));
      const attempts = await Promise.allSettled([
        ...['site_a', 'site_b', 'site_a', 'site_b'].map((siteId) =>
          store.assignNextQueued(siteId, candidates, at(60)),
        ),
        store.assignConversation(queued[4]!.id, agent.id, {
          mode: 'take',
          at: at(60),
          requireOnline: false,
        }),
      ]);
      expect((await store.activeChatCounts([agent.id])).get(agent.id)).toBe(2);
      const assigned = attempts.filter((a) => a.status === 'fulfilled' && a.value !== null);
      expect(assigned).toHaveLength(2);
      // Close the round's chats so the next round starts from an empty queue.
      for (const conversation of queued)
        await store.changeConversation(conversation.id, closing('agent', at(90)));
    }
  });

  it('two agents taking one chat: exactly one wins, the other is told it is taken', async () => {
    const store = ctx.store();
    for (let round = 0; round < ROUNDS; round += 1) {
      const agents = await Promise.all(
        [1, 2, 3].map(() =>
          store.createAgent(makeAgent({ status: 'online', capacity: 5, siteIds: ['site_1'] })),
        ),
      );
      const conversation = await store.createConversation(chat('site_1'));
      const attempts = await Promise.allSettled(
        agents.map((agent) =>
          store.assignConversation(conversation.id, agent.id, {
            mode: 'take',
            at: at(1),
            requireOnline: false,
          }),
        ),
      );
      expect(attempts.filter((a) => a.status === 'fulfilled')).toHaveLength(1);
      for (const attempt of attempts.filter((a) => a.status === 'rejected'))
        expect(attempt.reason).toMatchObject({ code: 'CONFLICT' });
      expect((await store.getConversation(conversation.id))?.status).toBe('active');
    }
  });

  it('a take beyond capacity is refused as AGENT_UNAVAILABLE, and a transfer needs the agent online', async () => {
    const store = ctx.store();
    const agent = await store.createAgent(
      makeAgent({ status: 'away', capacity: 1, siteIds: ['site_1'] }),
    );
    const first = await store.createConversation(chat('site_1'));
    const second = await store.createConversation(chat('site_1'));
    await store.assignConversation(first.id, agent.id, {
      mode: 'take',
      at: at(1),
      requireOnline: false,
    });
    await expect(
      store.assignConversation(second.id, agent.id, {
        mode: 'take',
        at: at(2),
        requireOnline: false,
      }),
    ).rejects.toMatchObject({ code: 'AGENT_UNAVAILABLE' });
    const colleague = await store.createAgent(
      makeAgent({ status: 'away', capacity: 3, siteIds: ['site_1'] }),
    );
    await expect(
      store.assignConversation(first.id, colleague.id, {
        mode: 'transfer',
        at: at(3),
        requireOnline: true,
      }),
    ).rejects.toMatchObject({ code: 'AGENT_UNAVAILABLE' });
    expect((await store.getConversation(second.id))?.status).toBe('queued');
    expect((await store.getConversation(first.id))?.agentId).toBe(agent.id);
  });

  it('a take the agent confirmed goes past capacity; several at once still give the chat to one', async () => {
    const store = ctx.store();
    for (let round = 0; round < ROUNDS; round += 1) {
      const agents = await Promise.all(
        [1, 2, 3].map(async () => {
          const agent = await store.createAgent(
            makeAgent({ status: 'away', capacity: 1, siteIds: ['site_1'] }),
          );
          const held = await store.createConversation(chat('site_1'));
          await store.assignConversation(held.id, agent.id, {
            mode: 'take',
            at: at(1),
            requireOnline: false,
          });
          return agent;
        }),
      );
      const conversation = await store.createConversation(chat('site_1'));
      const attempts = await Promise.allSettled(
        agents.map((agent) =>
          store.assignConversation(conversation.id, agent.id, {
            mode: 'take',
            at: at(2),
            requireOnline: false,
            overCapacity: true,
          }),
        ),
      );
      expect(attempts.filter((a) => a.status === 'fulfilled')).toHaveLength(1);
      for (const attempt of attempts.filter((a) => a.status === 'rejected'))
        expect(attempt.reason).toMatchObject({ code: 'CONFLICT' });
      const winner = (await store.getConversation(conversation.id))!.agentId!;
      const counts = await store.activeChatCounts(agents.map((agent) => agent.id));
      expect(agents.map((agent) => counts.get(agent.id))).toEqual(
        agents.map((agent) => (agent.id === winner ? 2 : 1)),
      );
    }
  });

  it('many closes at once: one closes, the rest are refused, and a closed chat is never assigned again', async () => {
    const store = ctx.store();
    const agent = await store.createAgent(
      makeAgent({ status: 'online', capacity: 5, siteIds: ['site_1'] }),
    );
    for (let round = 0; round < ROUNDS; round += 1) {
      const conversation = await store.createConversation(chat('site_1'));
      const attempts = await Promise.allSettled([
        ...Array.from({ length: 5 }, () =>
          store.changeConversation(conversation.id, closing('visitor', at(5))),
        ),
        store.assignConversation(conversation.id, agent.id, {
          mode: 'take',
          at: at(5),
          requireOnline: false,
        }),
      ]);
      const closes = attempts.slice(0, 5);
      expect(closes.filter((a) => a.status === 'fulfilled')).toHaveLength(1);
      const stored = (await store.getConversation(conversation.id))!;
      expect(stored.status).toBe('closed');
      expect(
        await store.assignNextQueued('site_1', [{ agentId: agent.id, connectedSince: 0 }], at(6)),
      ).toBeNull();
    }
  });

  it('seen marks of both sides at once both land, and never move back', async () => {
    const store = ctx.store();
    const conversation = await store.createConversation(chat('site_1'));
    for (let i = 1; i <= 6; i += 1)
      await store.appendMessage(makeMessage(conversation.id, `tin nhắn ${i}`));
    await Promise.all([
      store.changeConversation(conversation.id, seeing('visitor', 4)),
      store.changeConversation(conversation.id, seeing('agent', 6)),
      store.changeConversation(conversation.id, seeing('visitor', 2)),
      store.changeConversation(conversation.id, seeing('agent', 99)),
    ]);
    expect((await store.getConversation(conversation.id))?.seen).toEqual({ visitor: 4, agent: 6 });
  });

  it('profile updates of one visitor at once all land; fields merge key by key', async () => {
    const store = ctx.store();
    const initial = makeVisitor('site_1');
    await Promise.all([
      store.updateVisitor(initial, { name: 'Maria Santos', fields: { order: 'A-17' } }),
      store.updateVisitor(initial, {
        page: { url: 'https://shop.example/gio-hang', title: 'Giỏ hàng', referrer: '' },
      }),
      store.updateVisitor(initial, { email: 'maria@example.ph', fields: { plan: 'pro' } }),
      store.updateVisitor(initial, { locale: 'tl' }),
    ]);
    expect(await store.getVisitor(initial.id)).toMatchObject({
      name: 'Maria Santos',
      email: 'maria@example.ph',
      locale: 'tl',
      page: { url: 'https://shop.example/gio-hang' },
      fields: { order: 'A-17', plan: 'pro' },
      firstSeenAt: initial.firstSeenAt,
    });
  });

  it('the first public agent reply sets firstResponseAt; notes and relay lines do not', async () => {
    const store = ctx.store();
    const conversation = await store.createConversation(chat('site_1'));
    await store.appendMessage(makeMessage(conversation.id, 'Xin chào', { createdAt: at(1) }));
    await store.appendMessage(
      makeMessage(conversation.id, 'ghi chú', {
        author: 'agent',
        internal: true,
        createdAt: at(2),
      }),
    );
    await store.appendMessage(
      makeMessage(conversation.id, 'Ana joined', { author: 'system', createdAt: at(3) }),
    );
    expect((await store.getConversation(conversation.id))?.firstResponseAt).toBeNull();
    await store.appendMessage(
      makeMessage(conversation.id, 'Chào bạn', { author: 'agent', createdAt: at(4) }),
    );
    await store.appendMessage(
      makeMessage(conversation.id, 'Còn gì nữa?', { author: 'agent', createdAt: at(5) }),
    );
    expect((await store.getConversation(conversation.id))?.firstResponseAt).toBe(at(4));
  });

  it('a reply to a closed chat is refused when it must be open; a note still lands', async () => {
    const store = ctx.store();
    const conversation = await store.createConversation(
      chat('site_1', { status: 'closed', closedAt: at(1), closedBy: 'agent' }),
    );
    await expect(
      store.appendMessage(makeMessage(conversation.id, 'Hello?'), { requireOpen: true }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    const note = await store.appendMessage(
      makeMessage(conversation.id, 'follow up by phone', { internal: true }),
    );
    expect(note.message.seq).toBe(1);
  });

  it('a lease has one holder until it expires', async () => {
    const store = ctx.store();
    const name = `lease-${randomUUID()}`;
    const results = await Promise.all(
      ['a', 'b', 'c', 'd'].map((holder) => store.acquireLease(name, holder, 300)),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    const holder = ['a', 'b', 'c', 'd'][results.indexOf(true)]!;
    expect(await store.acquireLease(name, holder, 300)).toBe(true);
    expect(await store.acquireLease(name, holder === 'a' ? 'b' : 'a', 300)).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await store.acquireLease(name, holder === 'a' ? 'b' : 'a', 300)).toBe(true);
  });

  it('exclusive tasks of one name never overlap', async () => {
    const store = ctx.store();
    let running = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 5 }, () =>
        store.runExclusive('first-start', async () => {
          running += 1;
          most = Math.max(most, running);
          await new Promise((resolve) => setTimeout(resolve, 10));
          running -= 1;
        }),
      ),
    );
    expect(most).toBe(1);
  });
}
