/**
 * With REDIS_URL, Socket.IO announcements reach sockets connected to any relay process. The client
 * library is loaded only then, so the embedded default does not carry it.
 */
import { setTimeout as delay } from 'node:timers/promises';
import type { Server } from 'socket.io';
import type { Logger } from '../logger';

/** Connects the adapter; returns what disconnects it. */
export async function attachRedisAdapter(
  io: Server,
  redisUrl: string,
  logger: Logger,
  keyPrefix: string,
): Promise<() => Promise<void>> {
  const [{ createClient }, { createAdapter }] = await Promise.all([
    import('redis'),
    import('@socket.io/redis-adapter'),
  ]);
  const pub = createClient({ url: redisUrl });
  const sub = pub.duplicate();
  for (const client of [pub, sub])
    client.on('error', (error: unknown) => logger.error({ err: error }, 'redis error'));
  await Promise.all([pub.connect(), sub.connect()]);
  // The channel carries the same prefix as every other key, so deployments sharing one Redis
  // (or parallel test runs) never receive each other's events.
  io.adapter(createAdapter(pub, sub, { key: `${keyPrefix}socket.io` }));
  return async () => {
    // Bounded: quitting waits for Redis to answer, which an unreachable Redis never does.
    await Promise.race([Promise.allSettled([pub.quit(), sub.quit()]), delay(1_000)]);
    for (const client of [pub, sub]) if (client.isOpen) client.destroy();
  };
}
