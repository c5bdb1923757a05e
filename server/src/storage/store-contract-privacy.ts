/** Contract cases for erasing a visitor and for retention: what goes, what stays. */
import { expect, it } from 'vitest';
import type { ContractContext } from './store-contract-context';
import {
  at,
  makeConversation,
  makeMessage,
  makeSite,
  makeVisitor,
} from './store-contract-fixtures';

/** Registers the cases; call inside a `describe`. */
export function privacyContract(ctx: ContractContext): void {
  it('erasing a visitor deletes their profile, conversations, messages and ratings, and nobody else’s', async () => {
    const store = ctx.store();
    const site = await store.createSite(makeSite());
    const erased = await store.saveVisitor(
      makeVisitor(site.id, {
        name: 'Ana Ionescu',
        email: 'ana@example.ro',
        fields: { order: 'A-1' },
      }),
    );
    const kept = await store.saveVisitor(makeVisitor(site.id, { name: 'Ion Popescu' }));
    const closed = await store.createConversation(
      makeConversation(site.id, erased.id, {
        status: 'closed',
        closedAt: at(5),
        closedBy: 'visitor',
        rating: { csat: 5, comment: 'Mulțumesc', nps: null, createdAt: at(6) },
      }),
    );
    const open = await store.createConversation(makeConversation(site.id, erased.id));
    await store.appendMessage(makeMessage(closed.id, 'Bună ziua'));
    await store.appendMessage(makeMessage(open.id, 'Încă o întrebare', { internal: true }));
    const other = await store.createConversation(makeConversation(site.id, kept.id));
    await store.appendMessage(makeMessage(other.id, 'Salut'));

    expect((await store.eraseVisitor(erased.id)).sort()).toEqual([closed.id, open.id].sort());

    const after = await ctx.reopen();
    expect(await after.getVisitor(erased.id)).toBeNull();
    expect(await after.getConversation(closed.id)).toBeNull();
    expect(await after.getConversation(open.id)).toBeNull();
    expect(await after.listMessages(closed.id)).toEqual([]);
    expect(await after.openChatOf(erased.id)).toBeNull();
    expect((await after.listConversations({ visitorId: erased.id })).total).toBe(0);
    expect((await after.listConversations({ q: 'Bună ziua' })).total).toBe(0);
    expect(await after.getVisitor(kept.id)).toEqual(kept);
    expect(await after.listMessages(other.id)).toHaveLength(1);
    expect(await after.eraseVisitor('visitor_unknown')).toEqual([]);
    // The visitor may come back: a new chat starts cleanly.
    const again = await after.startChat(makeConversation(site.id, erased.id));
    expect(again.created).toBe(true);
  });

  it('retention deletes only the site’s conversations closed before the cutoff, with their messages', async () => {
    const store = ctx.store();
    const site = await store.createSite(makeSite());
    const elsewhere = await store.createSite(makeSite());
    const closedAt = (minutes: number) => ({
      status: 'closed' as const,
      closedAt: at(minutes),
      closedBy: 'agent' as const,
    });
    const old = await store.createConversation(makeConversation(site.id, 'v1', closedAt(10)));
    await store.appendMessage(makeMessage(old.id, 'Cũ rồi'));
    const recent = await store.createConversation(makeConversation(site.id, 'v2', closedAt(100)));
    const openOld = await store.createConversation(makeConversation(site.id, 'v3'));
    const foreign = await store.createConversation(
      makeConversation(elsewhere.id, 'v4', closedAt(10)),
    );

    expect(await store.deleteClosedConversations(site.id, at(50))).toEqual([old.id]);
    const after = await ctx.reopen();
    expect(await after.getConversation(old.id)).toBeNull();
    expect(await after.listMessages(old.id)).toEqual([]);
    expect(await after.getConversation(recent.id)).toEqual(recent);
    expect(await after.getConversation(openOld.id)).toEqual(openOld);
    expect(await after.getConversation(foreign.id)).toEqual(foreign);
    expect(await after.deleteClosedConversations(site.id, at(50))).toEqual([]);
  });
}
