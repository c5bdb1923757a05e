/**
 * Two relay processes' worth of apps sharing PostgreSQL and the Socket.IO Redis adapter: what one
 * side says reaches the other even when visitor and agent are connected to different relays.
 * CI (.ci/run) always sets DATABASE_URL and REDIS_URL, so this runs there.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import type { InboxActivity, Message } from '@parley/shared';
import { createApp } from '../src/app';
import { ensureFirstStart } from '../src/bootstrap/first-start';
import { createLogger } from '../src/logger';
import { PostgresStore } from '../src/storage/postgres-store';
import { connectAgent, connectVisitor, login } from './harness';

const databaseUrl = process.env['DATABASE_URL'];
const redisUrl = process.env['REDIS_URL'];

async function relay(schema: string) {
  const store = new PostgresStore({ connectionString: databaseUrl!, schema });
  await store.init();
  const app = await createApp({
    // Its own key prefix, so the sign-in below does not count against other runs on this Redis.
    config: { publicUrl: undefined, redisUrl, smtpUrl: undefined, redisPrefix: `${schema}:` },
    store,
    logger: createLogger('silent'),
  });
  const url = await app.listen(0);
  return {
    url,
    store,
    async [Symbol.asyncDispose]() {
      await app.close();
      await store.close();
    },
  };
}

describe.skipIf(!databaseUrl || !redisUrl)('several relay processes', () => {
  it('delivers messages between a visitor and an agent connected to different relays', async () => {
    const schema = `parley_scale_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
    const admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    try {
      await using a = await relay(schema);
      await using b = await relay(schema);
      const first = await ensureFirstStart(a.store, {
        email: 'multi@example.com',
        password: 'multi relay password',
      });
      const owner = await login(b.url, 'multi@example.com', 'multi relay password');

      await using agent = await connectAgent(b.url, owner.token);
      await agent.ok('agent:hello', {});
      await using visitor = await connectVisitor(a.url, { siteId: first!.siteId });
      await visitor.ok('visitor:hello', {});

      // The chat is still waiting when its first message is stored: the site's consoles hear of
      // it as a summary, across relays.
      const atAgent = agent
        .next<InboxActivity>('inbox:activity', (e) =>
          e.conversations.some((activity) => activity.message.author === 'visitor'),
        )
        .then((batch) => batch.conversations.find((a) => a.message.author === 'visitor')!);
      const { message } = await visitor.ok('message:send', {
        clientId: randomUUID(),
        text: 'Magandang araw po!',
      });
      expect((await atAgent).message.text).toBe('Magandang araw po!');

      const atVisitor = visitor.next<{ message: Message }>(
        'message:created',
        (e) => e.message.author === 'agent',
      );
      await agent.ok('message:send', {
        conversationId: message.conversationId,
        clientId: randomUUID(),
        text: 'Paano ko po kayo matutulungan?',
      });
      expect((await atVisitor).message.text).toBe('Paano ko po kayo matutulungan?');
      expect(
        (await b.store.listMessages(message.conversationId))
          .filter((m) => m.author !== 'system')
          .map((m) => m.text),
      ).toEqual(['Magandang araw po!', 'Paano ko po kayo matutulungan?']);
    } finally {
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.end();
    }
  });
});
