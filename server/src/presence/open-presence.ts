/**
 * Shared presence in Redis when REDIS_URL is set (over a connection of its own), otherwise in
 * the process. The Redis client library is loaded only then.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import type { RedisClientType } from 'redis';
import type { Logger } from '../logger';
import type { AgentPresence } from './agent-presence';
import { MemoryPresence } from './memory-presence';
import { RedisPresence } from './redis-presence';

const REDIS_CLOSE_TIMEOUT_MS = 1_000;

export async function openPresence(options: {
  redisUrl: string | undefined;
  keyPrefix: string;
  logger: Logger;
}): Promise<AgentPresence> {
  if (!options.redisUrl) return new MemoryPresence();
  const { createClient } = await import('redis');
  const client = createClient({ url: options.redisUrl });
  client.on('error', (error: unknown) =>
    options.logger.error({ err: error }, 'redis error (presence)'),
  );
  await client.connect();
  const presence = new RedisPresence(
    client as RedisClientType,
    options.keyPrefix,
    randomUUID(),
    options.logger,
  );
  return {
    connect: (agentId, socketId) => presence.connect(agentId, socketId),
    disconnect: (agentId, socketId) => presence.disconnect(agentId, socketId),
    connected: (agentIds) => presence.connected(agentIds),
    absentSince: (agentId) => presence.absentSince(agentId),
    async close() {
      // A clean close waits for Redis to answer, which an unreachable Redis never does: bounded.
      await Promise.race([
        presence.close().then(() => client.close()),
        delay(REDIS_CLOSE_TIMEOUT_MS),
      ]).catch(() => undefined);
      if (client.isOpen) client.destroy();
    },
  };
}
