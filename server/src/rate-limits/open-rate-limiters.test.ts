/**
 * Limiters over a real Redis. CI (.ci/run) always sets REDIS_URL, so these run there. Each test
 * uses its own key prefix and deletes its keys, so parallel runs on one Redis do not collide.
 */
import { randomUUID } from 'node:crypto';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { ParleyError } from '@parley/shared';
import { pino } from 'pino';
import { createClient } from 'redis';
import { afterEach, describe, expect, it } from 'vitest';
import { deleteRedisKeys } from '../../test/cluster';
import { openRateLimiters, type OpenRateLimiters } from './open-rate-limiters';
import { signInGuard } from './sign-in-guard';
import { takePoint, type Limiter } from './take-point';

const redisUrl = process.env['REDIS_URL'];
const opened: OpenRateLimiters[] = [];
const prefixes: string[] = [];

function uniquePrefix(): string {
  const prefix = `parley-test-${randomUUID()}:`;
  prefixes.push(prefix);
  return prefix;
}

function capturingLogger() {
  const lines: { level: number; msg: string; limiter?: string }[] = [];
  const logger = pino({ level: 'warn' }, { write: (line: string) => lines.push(JSON.parse(line)) });
  return { logger, lines };
}

async function open(url: string, keyPrefix: string, logger = pino({ level: 'silent' })) {
  const limiters = await openRateLimiters({
    redisUrl: url,
    keyPrefix,
    logger,
    limits: {
      socketRequests: { points: 2, durationSeconds: 5 },
      signInSlowdown: {
        freeFailures: 2,
        baseDelaySeconds: 5,
        maxDelaySeconds: 5,
        windowSeconds: 60,
      },
    },
  });
  opened.push(limiters);
  return limiters;
}

/** Resolves with the code of the refusal, or 'ok'. */
const outcome = (limiter: Limiter, key: string) =>
  takePoint(limiter, key, 'slow down').then(
    () => 'ok',
    (error: unknown) => (error instanceof ParleyError ? error.code : Promise.reject(error)),
  );

/** A TCP hop in front of Redis that can stop passing Redis's answers on, as a hung server would. */
async function freezableRedis(target: string) {
  const { hostname, port } = new URL(target);
  let frozen = false;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(port || 6379), hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => {});
      socket.on('close', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.on('data', (chunk) => upstream.write(chunk));
    upstream.on('data', (chunk) => {
      if (!frozen) client.write(chunk);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `redis://127.0.0.1:${(server.address() as AddressInfo).port}`,
    freeze: () => (frozen = true),
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

afterEach(async () => {
  for (const limiters of opened.splice(0)) await limiters.close();
  if (!redisUrl) return;
  for (const prefix of prefixes.splice(0)) await deleteRedisKeys(prefix);
});

describe.skipIf(!redisUrl)('rate limiters in Redis', () => {
  it('share one count between relays using the same Redis and prefix', async () => {
    const prefix = uniquePrefix();
    const a = await open(redisUrl!, prefix);
    const b = await open(redisUrl!, prefix);
    const results = [];
    for (let i = 0; i < 16; i++) {
      results.push(await outcome(a.signInFailuresPerAddress, '203.0.113.7'));
      results.push(await outcome(b.signInFailuresPerAddress, '203.0.113.7'));
    }
    expect(results.filter((r) => r === 'ok')).toHaveLength(30);
    expect(results.slice(30)).toEqual(['RATE_LIMITED', 'RATE_LIMITED']);
  });

  it('keep their keys under the prefix, so other prefixes count apart', async () => {
    const prefix = uniquePrefix();
    const a = await open(redisUrl!, prefix);
    const other = await open(redisUrl!, uniquePrefix());
    for (let i = 0; i < 3; i++) await outcome(a.socketRequests, 'socket-1');
    expect(await outcome(a.socketRequests, 'socket-1')).toBe('RATE_LIMITED');
    expect(await outcome(other.socketRequests, 'socket-1')).toBe('ok');

    const client = createClient({ url: redisUrl });
    await client.connect();
    expect(await client.exists(`${prefix}rl:socket:socket-1`)).toBe(1);
    await client.close();
  });

  it('slow an (account, address) pair down on every relay after its free failures', async () => {
    const prefix = uniquePrefix();
    const a = signInGuard(await open(redisUrl!, prefix));
    const b = signInGuard(await open(redisUrl!, prefix));
    const wrong = async () => null;
    const attempt = (guard: typeof a, address: string) =>
      guard.attempt('ana@shop.example', address, wrong).then(
        () => 'ok',
        (error: unknown) => (error instanceof ParleyError ? error : Promise.reject(error)),
      );
    // Two free failures, and a third that starts the wait.
    expect(await attempt(a, '203.0.113.7')).toBe('ok');
    expect(await attempt(b, '203.0.113.7')).toBe('ok');
    expect(await attempt(a, '203.0.113.7')).toBe('ok');
    const refused = await attempt(a, '203.0.113.7');
    expect(refused).toBeInstanceOf(ParleyError);
    expect((refused as ParleyError).retryAfterMs).toBeGreaterThan(4_000);
    expect(await attempt(b, '203.0.113.7')).toBeInstanceOf(ParleyError);
    // Another address is another pair.
    expect(await attempt(b, '198.51.100.1')).toBe('ok');
  });

  it('answer from memory, and log it, when Redis stops answering', async () => {
    const proxy = await freezableRedis(redisUrl!);
    try {
      const { logger, lines } = capturingLogger();
      const limiters = await open(proxy.url, uniquePrefix(), logger);
      expect(await outcome(limiters.socketRequests, 'socket-1')).toBe('ok');
      proxy.freeze();
      const started = Date.now();
      // Two points a window: the memory fallback still refuses the third.
      const results = await Promise.all(
        [1, 2, 3].map(() => outcome(limiters.socketRequests, 'socket-2')),
      );
      expect(results.sort()).toEqual(['RATE_LIMITED', 'ok', 'ok']);
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(lines).toEqual([expect.objectContaining({ limiter: 'socket' })]);
    } finally {
      await proxy.close();
    }
  });

  it('answer from memory at once while the connection to Redis is down', async () => {
    const proxy = await freezableRedis(redisUrl!);
    const { logger, lines } = capturingLogger();
    const limiters = await open(proxy.url, uniquePrefix(), logger);
    await proxy.close();
    const started = Date.now();
    expect(await outcome(limiters.signInFailuresPerAddress, '203.0.113.7')).toBe('ok');
    expect(Date.now() - started).toBeLessThan(500);
    expect(lines).toContainEqual(expect.objectContaining({ limiter: 'signin-address' }));
  });
});
