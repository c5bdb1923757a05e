/** Limits per person and per address, not per socket: more tabs or sockets buy nothing. */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { connectVisitor, startServer } from './harness';

const send = (visitor: Awaited<ReturnType<typeof connectVisitor>>, text: string) =>
  visitor.request('message:send', { clientId: randomUUID(), text });

describe('visitor limits', () => {
  it('holds the message limit for a visitor across both of their sockets', async () => {
    await using server = await startServer({
      limits: { messagesPerVisitor: { points: 4, durationSeconds: 60 } },
    });
    const { siteId } = server.owner;
    await using first = await connectVisitor(server.url, { siteId });
    const { token } = await first.ok('visitor:hello', {});
    await using second = await connectVisitor(server.url, { siteId, token });
    await second.ok('visitor:hello', {});
    const replies = [];
    for (let i = 0; i < 3; i++) {
      replies.push(await send(first, `from the first tab ${i}`));
      replies.push(await send(second, `from the second tab ${i}`));
    }
    expect(replies.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual([
      ...Array<string>(4).fill('ok'),
      'RATE_LIMITED',
      'RATE_LIMITED',
    ]);
    const refused = replies.at(-1)!;
    expect(!refused.ok && refused.error.retryAfterMs).toBeGreaterThan(0);
    // Another visitor has an allowance of their own.
    await using other = await connectVisitor(server.url, { siteId });
    await other.ok('visitor:hello', {});
    expect((await send(other, 'hello')).ok).toBe(true);
  });

  it('holds every request of a visitor to one allowance, however many sockets they open', async () => {
    await using server = await startServer({
      limits: { socketRequests: { points: 10, durationSeconds: 60 } },
    });
    const { siteId } = server.owner;
    await using first = await connectVisitor(server.url, { siteId });
    const { token } = await first.ok('visitor:hello', {});
    const sockets = [first];
    for (let i = 0; i < 3; i++) sockets.push(await connectVisitor(server.url, { siteId, token }));
    const replies = await Promise.all(
      sockets.flatMap((socket) =>
        [1, 2, 3].map(() => socket.request('page:view', { url: 'https://shop.example/' })),
      ),
    );
    // hello took one point of the ten.
    expect(replies.filter((r) => r.ok)).toHaveLength(9);
    for (const socket of sockets.slice(1)) socket.socket.disconnect();
  });

  it('limits new chats per address, not per visitor', async () => {
    await using server = await startServer({
      limits: { newChatsPerAddress: { points: 2, durationSeconds: 3600 } },
    });
    const { siteId } = server.owner;
    const outcomes = [];
    for (let i = 0; i < 3; i++) {
      await using visitor = await connectVisitor(server.url, { siteId });
      await visitor.ok('visitor:hello', {});
      const reply = await send(visitor, `visitor ${i} asks`);
      outcomes.push(reply.ok ? 'ok' : reply.error.code);
      if (!reply.ok) expect(reply.error.retryAfterMs).toBeGreaterThan(0);
    }
    expect(outcomes).toEqual(['ok', 'ok', 'RATE_LIMITED']);
    expect(await server.store.listQueue(siteId)).toHaveLength(2);
  });

  it('lets a visitor keep writing in an open chat after the new-chat limit is reached', async () => {
    await using server = await startServer({
      limits: { newChatsPerAddress: { points: 1, durationSeconds: 3600 } },
    });
    await using visitor = await connectVisitor(server.url, { siteId: server.owner.siteId });
    await visitor.ok('visitor:hello', {});
    for (let i = 0; i < 3; i++) expect((await send(visitor, `line ${i}`)).ok).toBe(true);
  });

  it('limits offline messages per address', async () => {
    await using server = await startServer({
      limits: { offlineMessagesPerAddress: { points: 2, durationSeconds: 3600 } },
    });
    const outcomes = [];
    for (let i = 0; i < 3; i++) {
      await using visitor = await connectVisitor(server.url, { siteId: server.owner.siteId });
      await visitor.ok('visitor:hello', {});
      const reply = await visitor.request('offline:leave', {
        name: 'Ana',
        email: `ana${i}@example.com`,
        text: 'Please call me back',
      });
      outcomes.push(reply.ok ? 'ok' : reply.error.code);
    }
    expect(outcomes).toEqual(['ok', 'ok', 'RATE_LIMITED']);
  });
});
