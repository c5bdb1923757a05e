/** Contract cases for conversations and their messages: seq, idempotence, paging. */
import { expect, it } from 'vitest';
import type { Conversation } from '@parley/shared';
import type { ContractContext } from './store-contract-context';
import {
  allParagraphs,
  at,
  makeConversation,
  makeMessage,
  tryToChange,
} from './store-contract-fixtures';

/** Registers the cases; call inside a `describe`. */
export function messagesContract(ctx: ContractContext): void {
  it('a system line keeps its event as data; other lines have none', async () => {
    const store = ctx.store();
    const conversation = await store.createConversation(makeConversation('site_a', 'visitor_a'));
    const { message: joined } = await store.appendMessage(
      makeMessage(conversation.id, 'Ana Kowalska joined the conversation', {
        author: 'system',
        event: { kind: 'agent-joined', agentName: 'Ana Kowalska' },
      }),
    );
    const { message: said } = await store.appendMessage(
      makeMessage(conversation.id, 'Dzień dobry'),
    );
    const reopened = await ctx.reopen();
    const [first, second] = await reopened.listMessages(conversation.id);
    expect(first).toEqual(joined);
    expect(first?.event).toEqual({ kind: 'agent-joined', agentName: 'Ana Kowalska' });
    expect(second).toEqual(said);
    expect(second).not.toHaveProperty('event');
  });

  let visitors = 0;
  const newConversation = async (overrides: Partial<Conversation> = {}): Promise<Conversation> =>
    // A visitor has one open chat at a time: each conversation here gets its own visitor.
    ctx.store().createConversation(makeConversation('site_1', `visitor_${++visitors}`, overrides));

  it('a conversation round-trips and an unknown id gives null', async () => {
    const conversation = makeConversation('site_1', 'visitor_1', { tags: ['hoàn tiền', 'vip'] });
    expect(await ctx.store().createConversation(conversation)).toEqual(conversation);
    expect(await ctx.store().getConversation(conversation.id)).toEqual(conversation);
    expect(await ctx.store().getConversation('conv_missing')).toBeNull();
    await expect(ctx.store().createConversation(conversation)).rejects.toMatchObject({
      code: 'CONFLICT',
    });
  });

  it('updateConversation applies the given fields only and 404s an unknown conversation', async () => {
    const conversation = await newConversation();
    const patch = {
      status: 'closed' as const,
      agentId: 'agent_1',
      tags: ['giao hàng'],
      seen: { visitor: 2, agent: 3 },
      assignedAt: at(2),
      firstResponseAt: at(3),
      closedAt: at(9),
      closedBy: 'agent' as const,
      rating: { csat: 5, comment: 'Rất tốt, cảm ơn!', nps: 9, createdAt: at(10) },
    };
    const updated = await ctx.store().updateConversation(conversation.id, patch);
    expect(updated).toEqual({ ...conversation, ...patch });
    expect(await ctx.store().getConversation(conversation.id)).toEqual(updated);
    const unchanged = await ctx
      .store()
      .updateConversation(conversation.id, { agentId: undefined, rating: null });
    expect(unchanged).toEqual({ ...updated, rating: null });
    await expect(
      ctx.store().updateConversation('conv_missing', { status: 'active' }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('listOpenConversations gives the conversations not closed, oldest first', async () => {
    const late = await newConversation({ createdAt: at(30), status: 'active', agentId: 'agent_1' });
    const early = await newConversation({ createdAt: at(10) });
    await newConversation({
      createdAt: at(20),
      status: 'closed',
      closedAt: at(25),
      closedBy: 'visitor',
    });
    expect(await ctx.store().listOpenConversations()).toEqual([early, late]);
  });

  it("messages get seq 1, 2, 3… and move the conversation's lastSeq and lastMessageAt", async () => {
    const conversation = await newConversation();
    const texts = allParagraphs(ctx.texts()).slice(0, 12);
    const stored = [];
    for (const [index, text] of texts.entries()) {
      const result = await ctx
        .store()
        .appendMessage(makeMessage(conversation.id, text, { createdAt: at(index + 1) }));
      expect(result.duplicate).toBe(false);
      expect(result.message.seq).toBe(index + 1);
      stored.push(result.message);
    }
    expect(await ctx.store().listMessages(conversation.id)).toEqual(stored);
    expect((await ctx.store().listMessages(conversation.id)).map((m) => m.text)).toEqual(texts);
    expect(await ctx.store().lastMessage(conversation.id)).toEqual(stored.at(-1));
    const after = await ctx.store().getConversation(conversation.id);
    expect(after).toMatchObject({ lastSeq: texts.length, lastMessageAt: at(texts.length) });
  });

  it('appending to an unknown conversation is NOT_FOUND and stores nothing', async () => {
    await expect(
      ctx.store().appendMessage(makeMessage('conv_missing', 'Xin chào')),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await ctx.store().listMessages('conv_missing')).toEqual([]);
    expect(await ctx.store().lastMessage('conv_missing')).toBeNull();
  });

  it('50 concurrent appends to one conversation get distinct, consecutive seqs', async () => {
    const conversation = await newConversation();
    const paragraphs = allParagraphs(ctx.texts());
    const inputs = Array.from({ length: 50 }, (_, i) =>
      makeMessage(conversation.id, `${paragraphs[i % paragraphs.length]} #${i}`),
    );
    const results = await Promise.all(inputs.map((input) => ctx.store().appendMessage(input)));
    expect(results.map((r) => r.message.seq).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 50 }, (_, i) => i + 1),
    );
    const listed = await ctx.store().listMessages(conversation.id);
    expect(listed.map((m) => m.seq)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    const textByClientId = new Map(inputs.map((input) => [input.clientId, input.text]));
    for (const message of listed) expect(message.text).toBe(textByClientId.get(message.clientId));
    expect((await ctx.store().getConversation(conversation.id))!.lastSeq).toBe(50);
  });

  it('resending a clientId stores nothing new and returns the first message, even after reopen', async () => {
    const conversation = await newConversation();
    const first = await ctx.store().appendMessage(makeMessage(conversation.id, ctx.texts().ro[1]!));
    await ctx.store().appendMessage(makeMessage(conversation.id, ctx.texts().tl[2]!));
    const resend = makeMessage(conversation.id, 'a different text', {
      clientId: first.message.clientId,
    });
    expect(await ctx.store().appendMessage(resend)).toMatchObject({
      message: first.message,
      duplicate: true,
      conversation: { id: conversation.id, lastSeq: 2 },
    });
    await ctx.reopen();
    expect(await ctx.store().appendMessage(resend)).toMatchObject({
      message: first.message,
      duplicate: true,
      conversation: { id: conversation.id, lastSeq: 2 },
    });
    expect((await ctx.store().getConversation(conversation.id))!.lastSeq).toBe(2);
    expect(await ctx.store().listMessages(conversation.id)).toHaveLength(2);
  });

  it('concurrent resends of one clientId store the message once', async () => {
    const conversation = await newConversation();
    const input = makeMessage(conversation.id, ctx.texts().pl[0]!);
    const results = await Promise.all(
      Array.from({ length: 5 }, () => ctx.store().appendMessage({ ...input })),
    );
    expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
    for (const result of results) expect(result.message).toEqual(results[0]!.message);
    expect(await ctx.store().listMessages(conversation.id)).toHaveLength(1);
    // No seq was spent on the resends: the next message follows at once.
    const next = await ctx.store().appendMessage(makeMessage(conversation.id, 'next'));
    expect(next.message.seq).toBe(results[0]!.message.seq + 1);
    expect(next.conversation.lastSeq).toBe(next.message.seq);
  });

  it('the same clientId in two conversations is two messages', async () => {
    const [a, b] = [await newConversation(), await newConversation()];
    const first = await ctx
      .store()
      .appendMessage(makeMessage(a.id, 'Bună ziua', { clientId: 'same' }));
    const second = await ctx
      .store()
      .appendMessage(makeMessage(b.id, 'Dzień dobry', { clientId: 'same' }));
    expect([first.duplicate, second.duplicate]).toEqual([false, false]);
    expect(second.message).toMatchObject({ conversationId: b.id, seq: 1, text: 'Dzień dobry' });
  });

  it('listMessages pages with afterSeq and limit', async () => {
    const conversation = await newConversation();
    for (const text of ctx.texts().vi.slice(0, 10)) {
      await ctx.store().appendMessage(makeMessage(conversation.id, text));
    }
    const seqs = async (options: { afterSeq?: number; limit?: number }): Promise<number[]> =>
      (await ctx.store().listMessages(conversation.id, options)).map((m) => m.seq);
    expect(await seqs({ afterSeq: 3, limit: 4 })).toEqual([4, 5, 6, 7]);
    expect(await seqs({ afterSeq: 8 })).toEqual([9, 10]);
    expect(await seqs({ limit: 2 })).toEqual([1, 2]);
    expect(await seqs({ afterSeq: 10 })).toEqual([]);
    expect(await seqs({ limit: 0 })).toEqual([]);
  });

  it('changing a message result changes nothing stored; an empty conversation has no last message', async () => {
    const conversation = await newConversation();
    expect(await ctx.store().lastMessage(conversation.id)).toBeNull();
    const input = makeMessage(conversation.id, ctx.texts().vi[0]!, {
      internal: true,
      author: 'agent',
      agentId: 'agent_1',
      authorName: 'Lan',
    });
    const { message } = await ctx.store().appendMessage(input);
    input.text = 'changed input';
    tryToChange(() => (message.text = 'changed result'));
    const listed = (await ctx.store().listMessages(conversation.id))[0]!;
    tryToChange(() => (listed.text = 'changed list item'));
    expect((await ctx.store().lastMessage(conversation.id))!).toEqual({
      ...message,
      text: ctx.texts().vi[0],
    });
  });
}
