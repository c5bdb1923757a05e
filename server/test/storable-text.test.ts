import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ConversationDetail, ConversationList } from '@parley/shared';
import { LowdbStore } from '../src/storage/lowdb-store';
import {
  api,
  connectAgent,
  connectVisitor,
  login,
  relayModes,
  startServer,
  type TestServer,
} from './harness';

// Built from code units: a transform of this file could otherwise turn the escapes into U+FFFD.
const NUL = String.fromCharCode(0);
const HIGH = String.fromCharCode(0xd800);
const LOW = String.fromCharCode(0xdc00);
const R = '\ufffd';

/** True when `value` has no lone surrogate and no NUL anywhere in its JSON. */
function storable(value: unknown): boolean {
  const json = JSON.stringify(value);
  return !/\\u0000|\\ud[89ab][0-9a-f]{2}(?!\\ud[c-f])|(?<!\\ud[89ab][0-9a-f]{2})\\ud[c-f][0-9a-f]{2}/i.test(
    json,
  );
}

async function storedMessages(server: TestServer, conversationId: string) {
  return (await server.store.listMessages(conversationId)).map((m) => m.text);
}

describe.each(relayModes())('text no store can hold (%s)', (mode) => {
  it('a message and a name with NUL and lone surrogates are stored with U+FFFD, the same on every store', async () => {
    await using server = await startServer({ mode });
    const owner = await login(server.url, server.owner.ownerEmail, server.owner.ownerPassword);
    await using agent = await connectAgent(server.agentUrl, owner.token);
    await agent.ok('agent:hello', {});
    await using visitor = await connectVisitor(server.url, { siteId: server.owner.siteId });
    await visitor.ok('visitor:hello', {});
    await visitor.ok('visitor:identify', { name: `Zofia${NUL} Nowak${HIGH}` });
    const sent = await visitor.ok('message:send', {
      clientId: randomUUID(),
      text: `Dzień dobry${NUL}, paczka ${HIGH}nr 12${LOW} nie dotarła 📦`,
    });
    const reply = await agent.ok('message:send', {
      conversationId: sent.conversation.id,
      clientId: randomUUID(),
      text: `Sprawdzę to${NUL}${LOW}`,
    });

    expect(sent.message.text).toBe(`Dzień dobry${R}, paczka ${R}nr 12${R} nie dotarła 📦`);
    expect(reply.message.text).toBe(`Sprawdzę to${R}${R}`);
    const stored = await storedMessages(server, sent.conversation.id);
    expect(stored).toEqual(expect.arrayContaining([sent.message.text, reply.message.text]));
    expect(storable(stored)).toBe(true);
    const detail = await api<ConversationDetail>(
      server.agentUrl,
      owner.token,
      'GET',
      `/api/conversations/${sent.conversation.id}`,
    );
    expect(detail.status).toBe(200);
    expect(detail.body.visitor.name).toBe(`Zofia${R} Nowak${R}`);
    expect(storable(detail.body)).toBe(true);

    // The search and a route id go to the store too: NUL there is a miss, not a 500.
    const search = await api<ConversationList>(
      server.agentUrl,
      owner.token,
      'GET',
      `/api/conversations?q=${encodeURIComponent(NUL)}`,
    );
    expect(search.status).toBe(200);
    const byId = await api(server.agentUrl, owner.token, 'GET', '/api/conversations/%00');
    expect(byId.status).toBe(404);

    if (mode === 'embedded') {
      // What the embedded store wrote to disk reads back the same.
      await server.stop();
      const reopened = new LowdbStore(server.dataDir);
      await reopened.init();
      expect((await reopened.listMessages(sent.conversation.id)).map((m) => m.text)).toEqual(
        stored,
      );
      await reopened.close();
    }
  });

  it('an offline message with NUL is stored, not refused with a 500', async () => {
    await using server = await startServer({ mode });
    await using visitor = await connectVisitor(server.url, { siteId: server.owner.siteId });
    await visitor.ok('visitor:hello', {});
    const left = await visitor.request('offline:leave', {
      name: `Ion${NUL}`,
      email: 'ion@example.ro',
      text: `Vă rog să mă sunați${NUL}${HIGH}`,
    });
    expect(left.ok).toBe(true);
    const { items } = await server.store.listConversations({ kind: 'offline', limit: 10 });
    expect(items).toHaveLength(1);
    expect(await storedMessages(server, items[0]!.id)).toEqual([`Vă rog să mă sunați${R}${R}`]);
  });
});
