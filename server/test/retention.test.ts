import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Conversation, Site } from '@parley/shared';
import { deleteExpiredConversations } from '../src/chores/retention';
import { api, login, startServer, type TestServer } from './harness';

const DAY_MS = 86_400_000;

/** A conversation of the demo site closed `daysAgo` days before now, with one message. */
async function closedConversation(server: TestServer, daysAgo: number | null) {
  const now = Date.now();
  const conversation: Conversation = {
    id: randomUUID(),
    siteId: server.owner.siteId,
    visitorId: randomUUID(),
    kind: 'chat',
    status: daysAgo === null ? 'queued' : 'closed',
    agentId: null,
    tags: [],
    lastSeq: 0,
    seen: { visitor: 0, agent: 0 },
    createdAt: new Date(now - 400 * DAY_MS).toISOString(),
    queuedAt: new Date(now - 400 * DAY_MS).toISOString(),
    assignedAt: null,
    firstResponseAt: null,
    lastMessageAt: null,
    closedAt: daysAgo === null ? null : new Date(now - daysAgo * DAY_MS).toISOString(),
    closedBy: daysAgo === null ? null : 'visitor',
    rating: null,
  };
  await server.store.createConversation(conversation);
  await server.store.appendMessage({
    id: randomUUID(),
    conversationId: conversation.id,
    clientId: randomUUID(),
    author: 'visitor',
    agentId: null,
    authorName: null,
    internal: false,
    text: 'Dzień dobry',
    createdAt: conversation.createdAt,
  });
  return conversation.id;
}

describe('retention', () => {
  it('deletes conversations closed more than the site’s retentionDays ago, with their messages', async () => {
    await using server = await startServer();
    const owner = await login(server.url, server.owner.ownerEmail, server.owner.ownerPassword);
    const relay = server.app!.relay;
    const old = await closedConversation(server, 40);
    const recent = await closedConversation(server, 20);
    const open = await closedConversation(server, null);

    // Kept forever until the owner sets a period.
    expect(await deleteExpiredConversations(relay)).toBe(0);
    const set = await api<Site>(
      server.url,
      owner.token,
      'PATCH',
      `/api/sites/${server.owner.siteId}`,
      {
        widget: { retentionDays: 30 },
      },
    );
    expect(set.status).toBe(200);
    expect(set.body.widget.retentionDays).toBe(30);

    expect(await deleteExpiredConversations(relay)).toBe(1);
    expect(await server.store.getConversation(old)).toBeNull();
    expect(await server.store.listMessages(old)).toEqual([]);
    expect(await server.store.getConversation(recent)).not.toBeNull();

    // Fifteen days on, the second one has aged past 30 days too; an open one never goes.
    server.advanceClock(15 * DAY_MS);
    expect(await deleteExpiredConversations(relay)).toBe(1);
    expect(await server.store.getConversation(recent)).toBeNull();
    expect(await server.store.getConversation(open)).not.toBeNull();
  });

  it('refuses a retention period that is not a whole number of days from 1', async () => {
    await using server = await startServer();
    const owner = await login(server.url, server.owner.ownerEmail, server.owner.ownerPassword);
    for (const retentionDays of [0, -1, 1.5, '30']) {
      const reply = await api(
        server.url,
        owner.token,
        'PATCH',
        `/api/sites/${server.owner.siteId}`,
        {
          widget: { retentionDays },
        },
      );
      expect(reply.status).toBe(400);
    }
    const cleared = await api<Site>(
      server.url,
      owner.token,
      'PATCH',
      `/api/sites/${server.owner.siteId}`,
      {
        widget: { retentionDays: null },
      },
    );
    expect(cleared.body.widget.retentionDays).toBeNull();
  });
});
