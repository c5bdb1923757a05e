/** Contract cases for the outbox: each email claimed by one sender at a time, kept with its fate. */
import { expect, it } from 'vitest';
import type { ContractContext } from './store-contract-context';
import { at, makeConversation, makeSite, makeVisitor } from './store-contract-fixtures';
import type { OutboxMail } from './store';

let sequence = 0;
function mail(overrides: Partial<OutboxMail> = {}): OutboxMail {
  sequence += 1;
  return {
    id: `mail_${sequence}_${Math.random().toString(36).slice(2)}`,
    createdAt: at(0),
    kind: 'offline-notification',
    conversationId: null,
    messageId: null,
    content: { to: ['owner@example.com'], subject: 'Wiadomość', text: 'Dzień dobry' },
    status: 'pending',
    attempts: 0,
    nextAttemptAt: at(0),
    leaseHolder: null,
    leaseUntil: null,
    lastError: null,
    sentAt: null,
    ...overrides,
  };
}

/** Registers the cases; call inside a `describe`. */
export function outboxContract(ctx: ContractContext): void {
  it('a claimed email is held by one sender until settled, and its fate is kept', async () => {
    const store = ctx.store();
    const site = await store.createSite(makeSite());
    const visitor = await store.saveVisitor(makeVisitor(site.id));
    const conversation = await store.createConversation(makeConversation(site.id, visitor.id));
    const queued = await store.enqueueMail(
      mail({ conversationId: conversation.id, messageId: 'm1' }),
    );

    const [claimed, ...more] = await store.claimMail('relay-a', at(1), at(3), 10);
    expect(more).toEqual([]);
    expect(claimed).toMatchObject({
      id: queued.id,
      status: 'sending',
      attempts: 1,
      leaseHolder: 'relay-a',
      leaseUntil: at(3),
    });
    expect(await store.claimMail('relay-b', at(2), at(4), 10)).toEqual([]);
    expect(await store.settleMail(queued.id, 'relay-b', { status: 'sent', at: at(2) })).toBe(false);
    expect(await store.settleMail(queued.id, 'relay-a', { status: 'sent', at: at(2) })).toBe(true);
    expect(await store.settleMail(queued.id, 'relay-a', { status: 'sent', at: at(2) })).toBe(false);

    const reopened = await ctx.reopen();
    expect(await reopened.listMailOf(conversation.id)).toEqual([
      {
        ...queued,
        status: 'sent',
        attempts: 1,
        sentAt: at(2),
        leaseHolder: null,
        leaseUntil: null,
      },
    ]);
    expect(await reopened.claimMail('relay-b', at(60), at(62), 10)).toEqual([]);
  });

  it('a failed try waits for its next attempt; a sender that died loses its lease', async () => {
    const store = ctx.store();
    const retried = await store.enqueueMail(mail({ nextAttemptAt: at(0) }));
    const orphaned = await store.enqueueMail(mail({ nextAttemptAt: at(1) }));
    const notYet = await store.enqueueMail(mail({ nextAttemptAt: at(30) }));
    const claimed = await store.claimMail('relay-a', at(2), at(5), 10);
    expect(claimed.map((m) => m.id)).toEqual([retried.id, orphaned.id]);

    const error = '421 try again later';
    await store.settleMail(retried.id, 'relay-a', {
      status: 'pending',
      nextAttemptAt: at(10),
      error,
    });
    // relay-a dies holding `orphaned`: once its lease ends, another relay takes it over.
    expect(await store.claimMail('relay-b', at(4), at(8), 10)).toEqual([]);
    const takenOver = await store.claimMail('relay-b', at(6), at(9), 10);
    expect(takenOver.map((m) => [m.id, m.attempts, m.leaseHolder])).toEqual([
      [orphaned.id, 2, 'relay-b'],
    ]);
    expect(await store.settleMail(orphaned.id, 'relay-a', { status: 'sent', at: at(6) })).toBe(
      false,
    );
    expect(await store.settleMail(orphaned.id, 'relay-b', { status: 'sent', at: at(7) })).toBe(
      true,
    );

    const later = await store.claimMail('relay-b', at(11), at(14), 10);
    expect(later.map((m) => [m.id, m.attempts, m.lastError])).toEqual([[retried.id, 2, error]]);
    await store.settleMail(retried.id, 'relay-b', { status: 'failed', error: '550 no such user' });
    expect(await store.claimMail('relay-b', at(40), at(44), 10)).toEqual([
      expect.objectContaining({ id: notYet.id }),
    ]);
  });

  it('senders claiming at the same moment never get the same email', async () => {
    const store = ctx.store();
    const ids = new Set<string>();
    for (let i = 0; i < 30; i += 1) ids.add((await store.enqueueMail(mail())).id);
    const holders = ['a', 'b', 'c', 'd', 'e', 'f'];
    const rounds = await Promise.all(
      holders.map((holder) => store.claimMail(holder, at(1), at(5), 7)),
    );
    const claimed = rounds.flat().map((m) => m.id);
    expect(new Set(claimed).size).toBe(claimed.length);
    expect(claimed.length).toBe(30);
    for (const id of claimed) expect(ids.has(id)).toBe(true);
  });

  it('erasing a visitor deletes the emails about their conversations', async () => {
    const store = ctx.store();
    const site = await store.createSite(makeSite());
    const erased = await store.saveVisitor(makeVisitor(site.id));
    const kept = await store.saveVisitor(makeVisitor(site.id));
    const theirs = await store.createConversation(makeConversation(site.id, erased.id));
    const others = await store.createConversation(makeConversation(site.id, kept.id));
    await store.enqueueMail(mail({ conversationId: theirs.id }));
    const stays = await store.enqueueMail(mail({ conversationId: others.id }));
    await store.eraseVisitor(erased.id);
    const reopened = await ctx.reopen();
    expect(await reopened.listMailOf(theirs.id)).toEqual([]);
    expect(await reopened.listMailOf(others.id)).toEqual([stays]);
  });
}
