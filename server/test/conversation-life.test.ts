import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { closeInactive } from '../src/chores/inactivity';
import type {
  ConversationDetail,
  Message,
  SeenChanged,
  TypingChanged,
  VisitorConversation,
} from '@parley/shared';
import {
  api,
  connectAgent,
  connectVisitor,
  fixtureParagraphs,
  login,
  startServer,
  relayModes,
} from './harness';

describe.each(relayModes())('a conversation from first message to rating (%s)', (mode) => {
  it('queues, assigns, relays replies, typing and seen, closes, takes a rating and keeps a transcript', async () => {
    await using server = await startServer({ mode });
    const { vi, pl } = await fixtureParagraphs();
    const owner = await login(server.url, server.owner.ownerEmail, server.owner.ownerPassword);
    await using agent = await connectAgent(server.agentUrl, owner.token);
    const hello = await agent.ok('agent:hello', {});
    expect(hello.agent.status).toBe('online');

    await using visitor = await connectVisitor(server.url, { siteId: server.owner.siteId });
    const session = await visitor.ok('visitor:hello', {
      locale: 'vi',
      timeZone: 'Asia/Ho_Chi_Minh',
      page: {
        url: 'https://shop.example/cart',
        title: 'Giỏ hàng',
        referrer: 'https://search.example/',
      },
    });
    expect(session.conversation).toBeNull();
    expect(session.site.available).toBe(true);
    await visitor.ok('visitor:identify', { name: 'Nguyễn Thị Lan', email: 'lan@example.vn' });

    const assigned = agent.next<{ conversation: { status: string; agentId: string } }>(
      'conversation:updated',
      (e) => e.conversation.status === 'active',
    );
    const sent = await visitor.ok('message:send', { clientId: randomUUID(), text: vi[1]! });
    expect(sent.message.seq).toBe(1);
    expect((await assigned).conversation.agentId).toBe(owner.agent.id);
    const conversationId = sent.message.conversationId;

    // The visitor sees the agent typing, then the reply.
    const typing = visitor.next<TypingChanged>('typing:changed');
    await agent.ok('typing:set', { conversationId, typing: true });
    expect(await typing).toMatchObject({ author: 'agent', typing: true, name: 'Owner' });
    const reply = visitor.next<{ message: Message }>(
      'message:created',
      (e) => e.message.author === 'agent',
    );
    await agent.ok('message:send', { conversationId, clientId: randomUUID(), text: pl[1]! });
    expect((await reply).message.text).toBe(pl[1]);

    // An internal note reaches agents only.
    await agent.ok('message:send', {
      conversationId,
      clientId: randomUUID(),
      text: 'VIP customer',
      internal: true,
    });

    const seen = agent.next<SeenChanged>('seen:changed');
    await visitor.ok('seen:set', { conversationId, seq: 3 });
    expect((await seen).seq).toBe(3);

    const closed = visitor.next<{ closedBy: string }>('conversation:closed');
    await agent.ok('conversation:close', { conversationId });
    expect((await closed).closedBy).toBe('agent');

    const rated = agent.next<{ conversation: { rating: { csat: number } | null } }>(
      'conversation:updated',
      (e) => e.conversation.rating !== null,
    );
    await visitor.ok('rating:submit', { conversationId, csat: 4, comment: 'Cảm ơn bạn!' });
    expect((await rated).conversation.rating?.csat).toBe(4);
    await visitor.ok('rating:submit', { conversationId, nps: 9 });
    const again = await visitor.request('rating:submit', { conversationId, csat: 5 });
    expect(again).toMatchObject({ ok: false, error: { code: 'ALREADY_RATED' } });

    expect(
      visitor.received<{ message: Message }>('message:created').some((e) => e.message.internal),
    ).toBe(false);

    const detail = await api<ConversationDetail>(
      server.url,
      owner.token,
      'GET',
      `/api/conversations/${conversationId}`,
    );
    expect(detail.status).toBe(200);
    const texts = detail.body.messages.filter((m) => m.author !== 'system').map((m) => m.text);
    expect(texts).toEqual([vi[1], pl[1], 'VIP customer']);
    expect(detail.body.messages.map((m) => m.seq)).toEqual(
      detail.body.messages.map((_, i) => i + 1),
    );
    expect(detail.body.conversation.rating).toMatchObject({
      csat: 4,
      comment: 'Cảm ơn bạn!',
      nps: 9,
    });
    expect(detail.body.conversation.firstResponseAt).not.toBeNull();
    expect(detail.body.visitor).toMatchObject({
      locale: 'vi',
      timeZone: 'Asia/Ho_Chi_Minh',
      page: { title: 'Giỏ hàng' },
    });

    const transcript = await api<string>(
      server.url,
      owner.token,
      'GET',
      `/api/conversations/${conversationId}/transcript.txt`,
    );
    expect(transcript.body).toContain(vi[1]);
    expect(transcript.body.indexOf(vi[1]!)).toBeLessThan(transcript.body.indexOf(pl[1]!));
    expect(transcript.body).toContain('CSAT 4/5');

    const exported = await api<string>(
      server.url,
      owner.token,
      'GET',
      `/api/sites/${server.owner.siteId}/export.ndjson`,
    );
    const lines = exported.body
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as ConversationDetail);
    expect(lines.map((l) => l.conversation.id)).toContain(conversationId);
  });

  it('restores the visitor and their open conversation from the token on reconnect', async () => {
    await using server = await startServer({ mode });
    const { ro } = await fixtureParagraphs();
    const first = await connectVisitor(server.url, { siteId: server.owner.siteId });
    const session = await first.ok('visitor:hello', {});
    await first.ok('message:send', { clientId: 'c1', text: ro[0]! });
    first.socket.disconnect();

    await using second = await connectVisitor(server.url, {
      siteId: server.owner.siteId,
      token: session.token,
    });
    const restored = await second.ok('visitor:hello', {});
    expect(restored.visitor.id).toBe(session.visitor.id);
    expect(restored.conversation?.status).toBe('queued');
    expect(restored.messages.map((m) => m.text)).toEqual([ro[0]]);

    // Resending the same client id (an outbox retry) stores nothing new.
    const retry = await second.ok('message:send', { clientId: 'c1', text: ro[0]! });
    expect(retry.message.seq).toBe(1);
    const history = await second.ok('message:history', {
      conversationId: retry.message.conversationId,
      afterSeq: 0,
    });
    expect(history.messages).toHaveLength(1);
  });

  it('shows every tab of a visitor the same conversation live', async () => {
    await using server = await startServer({ mode });
    await using tab1 = await connectVisitor(server.url, { siteId: server.owner.siteId });
    const { token } = await tab1.ok('visitor:hello', {});
    await using tab2 = await connectVisitor(server.url, { siteId: server.owner.siteId, token });
    await tab2.ok('visitor:hello', {});
    const mirrored = tab2.next<{ message: Message }>('message:created');
    await tab1.ok('message:send', { clientId: randomUUID(), text: 'Dzień dobry' });
    expect((await mirrored).message.text).toBe('Dzień dobry');
  });

  // Moves the relay's clock, which only an embedded relay lets a test do.
  it.skipIf(mode === 'cluster')(
    'closes a chat after the site inactivity timeout and asks for a rating',
    async () => {
      await using server = await startServer({ mode });
      await using visitor = await connectVisitor(server.url, { siteId: server.owner.siteId });
      await visitor.ok('visitor:hello', {});
      const { message } = await visitor.ok('message:send', {
        clientId: randomUUID(),
        text: 'Hello?',
      });
      const closed = visitor.next<{ closedBy: string }>('conversation:closed');
      server.advanceClock(31 * 60_000);
      expect(await closeInactive(server.app!.relay)).toBe(1);
      expect((await closed).closedBy).toBe('inactivity');
      const updates = visitor.received<{ conversation: VisitorConversation }>(
        'conversation:updated',
      );
      expect(updates.at(-1)?.conversation).toMatchObject({ status: 'closed', ask: { csat: true } });
      await visitor.ok('rating:submit', { conversationId: message.conversationId, csat: 2 });
    },
  );
});
