/** Contract cases for listConversations: every filter, text search, ordering and paging. */
import { beforeEach, expect, it } from 'vitest';
import { foldForSearch, type Conversation } from '@parley/shared';
import type { ContractContext } from './store-contract-context';
import { at, makeConversation, makeMessage, makeVisitor } from './store-contract-fixtures';
import type { ConversationFilter } from './store';

/** Registers the cases; call inside a `describe`. */
export function listingContract(ctx: ContractContext): void {
  // Five conversations whose activity order (c1 c4 c2 c5 c3) differs from their creation order.
  let c: Record<'c1' | 'c2' | 'c3' | 'c4' | 'c5', Conversation>;

  beforeEach(async () => {
    const store = ctx.store();
    const texts = ctx.texts();
    const huong = makeVisitor('site_a', { name: 'Nguyễn Thị Hương', email: 'huong@example.vn' });
    const stefan = makeVisitor('site_a', {
      name: 'Ștefan Popescu',
      email: 'stefan.popescu@example.ro',
    });
    const maria = makeVisitor('site_b', { name: 'Maria Santos' });
    // Another Maria Santos: one visitor has one open chat at a time.
    const maria2 = makeVisitor('site_b', { name: 'Maria Santos' });
    for (const visitor of [huong, stefan, maria, maria2]) await store.saveVisitor(visitor);
    const create = (siteId: string, visitorId: string, overrides: Partial<Conversation>) =>
      store.createConversation(makeConversation(siteId, visitorId, overrides));
    const say = async (
      conversation: Conversation,
      minute: number,
      text: string,
      internal = false,
    ) => {
      await store.appendMessage(
        makeMessage(conversation.id, text, { createdAt: at(minute), internal }),
      );
    };
    const c1 = await create('site_a', huong.id, {
      status: 'active',
      agentId: 'agent_1',
      tags: ['billing'],
      createdAt: at(10),
    });
    const c2 = await create('site_a', stefan.id, {
      status: 'closed',
      agentId: 'agent_2',
      tags: ['billing', 'vip'],
      createdAt: at(20),
      closedAt: at(70),
      closedBy: 'agent',
    });
    const c3 = await create('site_a', huong.id, { kind: 'offline', createdAt: at(30) });
    const c4 = await create('site_b', maria.id, {
      status: 'active',
      agentId: 'agent_1',
      tags: ['vip'],
      createdAt: at(40),
    });
    const c5 = await create('site_b', maria2.id, { createdAt: at(50) });
    await say(c1, 90, texts.vi[3]!);
    await say(c1, 100, texts.vi[5]!);
    await say(c2, 60, texts.ro[1]!);
    await say(c4, 75, texts.tl[2]!);
    await say(c4, 80, texts.pl[0]!, true);
    await say(c5, 55, 'Giảm giá 100% cho đơn hàng đầu tiên');
    c = { c1, c2, c3, c4, c5 };
  });

  const ids = async (filter: ConversationFilter): Promise<string[]> =>
    (await ctx.store().listConversations(filter)).items.map((item) => item.id);
  const named = (...names: (keyof typeof c)[]): string[] => names.map((name) => c[name].id);

  it('without filters every conversation is listed, newest activity first, with its total', async () => {
    const result = await ctx.store().listConversations({});
    expect(result.items.map((item) => item.id)).toEqual(named('c1', 'c4', 'c2', 'c5', 'c3'));
    expect(result.total).toBe(5);
    expect(result.items[0]).toEqual(await ctx.store().getConversation(c.c1.id));
    expect(result.items[0]).toMatchObject({ lastSeq: 2, lastMessageAt: at(100) });
  });

  it('filters by site ids, and an empty list of sites matches nothing', async () => {
    expect(await ids({ siteIds: ['site_a'] })).toEqual(named('c1', 'c2', 'c3'));
    expect(await ids({ siteIds: ['site_b', 'site_a'] })).toHaveLength(5);
    expect(await ctx.store().listConversations({ siteIds: [] })).toEqual({ items: [], total: 0 });
  });

  it('filters by status and by a list of statuses, both applying when both are given', async () => {
    expect(await ids({ status: 'queued' })).toEqual(named('c5', 'c3'));
    expect(await ids({ statuses: ['active', 'queued'] })).toEqual(named('c1', 'c4', 'c5', 'c3'));
    expect(await ids({ statuses: [] })).toEqual([]);
    expect(await ids({ status: 'closed', statuses: ['active'] })).toEqual([]);
  });

  it('filters by kind, agent, visitor and tag', async () => {
    expect(await ids({ kind: 'offline' })).toEqual(named('c3'));
    expect(await ids({ kind: 'chat', siteIds: ['site_a'] })).toEqual(named('c1', 'c2'));
    expect(await ids({ agentId: 'agent_1' })).toEqual(named('c1', 'c4'));
    expect(await ids({ visitorId: c.c1.visitorId })).toEqual(named('c1', 'c3'));
    expect(await ids({ tag: 'vip' })).toEqual(named('c4', 'c2'));
    expect(await ids({ tag: 'billing', agentId: 'agent_2' })).toEqual(named('c2'));
    expect(await ids({ tag: 'vi' })).toEqual([]);
  });

  it('filters by creation time: from is inclusive, to is exclusive', async () => {
    expect(await ids({ from: at(20), to: at(40) })).toEqual(named('c2', 'c3'));
    expect(await ids({ from: at(41) })).toEqual(named('c5'));
    expect(await ids({ to: at(10) })).toEqual([]);
  });

  it('q finds message text in any letter case, in every language, internal notes included', async () => {
    const texts = ctx.texts();
    expect(await ids({ q: texts.vi[5]!.slice(12, 40).toUpperCase() })).toEqual(named('c1'));
    expect(await ids({ q: texts.ro[1]!.slice(40, 70).toLowerCase() })).toEqual(named('c2'));
    expect(await ids({ q: texts.tl[2]!.slice(20, 50).toUpperCase() })).toEqual(named('c4'));
    expect(await ids({ q: texts.pl[0]!.slice(0, 40).toUpperCase() })).toEqual(named('c4'));
    expect(await ids({ q: 'ĐƠN HÀNG ĐẦU' })).toEqual(named('c5'));
    expect(await ids({ q: 'không có ở đâu cả' })).toEqual([]);
  });

  it("q matches the visitor's name or email", async () => {
    expect(await ids({ q: 'hương' })).toEqual(named('c1', 'c3'));
    expect(await ids({ q: 'ȘTEFAN' })).toEqual(named('c2'));
    expect(await ids({ q: 'Popescu@Example.RO' })).toEqual(named('c2'));
    expect(await ids({ q: 'maria santos' })).toEqual(named('c4', 'c5'));
  });

  it('q ignores accents in messages, names and emails, and finds the start of a word', async () => {
    const texts = ctx.texts();
    // Typed without diacritics, as on a keyboard without the language's layout.
    expect(await ids({ q: 'nguyen thi huong' })).toEqual(named('c1', 'c3'));
    expect(await ids({ q: 'STEFAN POP' })).toEqual(named('c2'));
    expect(await ids({ q: 'giam gia 100% cho don hang' })).toEqual(named('c5'));
    const polish = texts.pl[0]!.slice(0, 40);
    expect(await ids({ q: foldForSearch(polish) })).toEqual(named('c4'));
    const word = /\p{L}{6,}/u.exec(texts.ro[1]!)![0];
    expect(await ids({ q: foldForSearch(word).slice(0, 4), siteIds: ['site_a'] })).toContain(
      c.c2.id,
    );
  });

  it('latestMatch gives the newest message that matched, notes included, or null', async () => {
    const texts = ctx.texts();
    const store = ctx.store();
    const vi = foldForSearch(texts.vi[5]!.slice(12, 40));
    expect((await store.latestMatch(c.c1.id, vi.toUpperCase()))?.text).toBe(texts.vi[5]);
    const pl = foldForSearch(texts.pl[0]!.slice(0, 30));
    expect(await store.latestMatch(c.c4.id, pl)).toMatchObject({ internal: true, seq: 2 });
    // The visitor's name matched, no message did.
    expect(await store.latestMatch(c.c3.id, 'huong')).toBeNull();
    expect(await store.latestMatch(c.c5.id, '   ')).toBeNull();
    expect(await store.latestMatch('no-such-conversation', 'gia')).toBeNull();
  });

  it('q treats % and _ as plain characters and combines with the other filters', async () => {
    expect(await ids({ q: '100%' })).toEqual(named('c5'));
    expect(await ids({ q: 'gi_m' })).toEqual([]);
    expect(await ids({ q: '%' })).toEqual(named('c5'));
    expect(await ids({ q: 'hương', kind: 'chat' })).toEqual(named('c1'));
    expect(await ctx.store().listConversations({ q: 'hương', status: 'closed' })).toEqual({
      items: [],
      total: 0,
    });
  });

  it('limit and offset page through the ordered list while total counts every match', async () => {
    expect(await ctx.store().listConversations({ limit: 2 })).toMatchObject({ total: 5 });
    expect(await ids({ limit: 2 })).toEqual(named('c1', 'c4'));
    expect(await ids({ limit: 2, offset: 2 })).toEqual(named('c2', 'c5'));
    expect(await ids({ limit: 2, offset: 4 })).toEqual(named('c3'));
    const beyond = await ctx.store().listConversations({ offset: 10 });
    expect(beyond).toEqual({ items: [], total: 5 });
    expect(await ctx.store().listConversations({ siteIds: ['site_a'], offset: 1 })).toMatchObject({
      total: 3,
    });
  });

  it('at most 50 conversations are listed when no limit is given', async () => {
    await Promise.all(
      Array.from({ length: 55 }, (_, i) =>
        ctx
          .store()
          .createConversation(
            makeConversation('site_many', `visitor_many_${i}`, { createdAt: at(200 + i) }),
          ),
      ),
    );
    const page = await ctx.store().listConversations({ siteIds: ['site_many'] });
    expect(page.items).toHaveLength(50);
    expect(page.total).toBe(55);
    expect(page.items[0]!.createdAt).toBe(at(254));
  });
}
