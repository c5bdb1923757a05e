/**
 * With REDIS_URL, the relay's limiters count in Redis over a connection of their own; without, in
 * memory. The Redis client library is loaded only then, as for the Socket.IO adapter, so the
 * embedded default does not carry it.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { DEFAULT_REDIS_PREFIX } from '../config';
import type { Logger } from '../logger';
import type { RelayLimits } from './limits';
import { createRateLimiters, REDIS_ANSWER_TIMEOUT_MS, type RateLimiters } from './rate-limiters';

export interface OpenRateLimiters extends RateLimiters {
  /** Disconnects from Redis, if connected. */
  close(): Promise<void>;
  /** Null while Redis answers a PING (or is not used), else why it is unreachable. */
  redisFailure(): Promise<string | null>;
}

/** The relay's limiters: in Redis under `keyPrefix` when `redisUrl` is given, else in memory. */
export async function openRateLimiters(options: {
  redisUrl: string | undefined;
  keyPrefix?: string | undefined;
  logger: Logger;
  limits?: Partial<RelayLimits> | undefined;
  addressScale?: number | undefined;
}): Promise<OpenRateLimiters> {
  const { redisUrl, logger, limits, addressScale } = options;
  if (!redisUrl)
    return {
      ...createRateLimiters({ limits, addressScale }),
      close: async () => {},
      redisFailure: async () => null,
    };
  const { createClient } = await import('redis');
  const client = createClient({ url: redisUrl });
  client.on('error', (error: unknown) => logger.error({ err: error }, 'redis error (rate limits)'));
  await client.connect();
  const keyPrefix = options.keyPrefix ?? DEFAULT_REDIS_PREFIX;
  return {
    ...createRateLimiters({ limits, addressScale, redis: { client, keyPrefix, logger } }),
    async redisFailure() {
      // A client that is reconnecting queues commands instead of failing them: ask it first.
      if (!client.isReady) return 'Redis is unreachable: the connection is down';
      const answer = await Promise.race([
        client.ping().then(
          () => null,
          (error: unknown) => `Redis is unreachable: ${String(error)}`,
        ),
        delay(REDIS_ANSWER_TIMEOUT_MS, null, { ref: false }).then(
          () => `Redis did not answer a PING within ${REDIS_ANSWER_TIMEOUT_MS} ms`,
        ),
      ]);
      return answer;
    },
    async close() {
      // A graceful close waits for Redis to answer what is pending, which a hung Redis never does.
      if (client.isReady) await Promise.race([client.close(), delay(REDIS_ANSWER_TIMEOUT_MS)]);
      if (client.isOpen) client.destroy();
    },
  };
}
