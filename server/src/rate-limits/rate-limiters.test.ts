import { ParleyError } from '@parley/shared';
import { pino } from 'pino';
import { createClient } from 'redis';
import { describe, expect, it } from 'vitest';
import { createRateLimiters } from './rate-limiters';
import { takePoint, type Limiter } from './take-point';

/** Takes `count` points and returns how many were refused, with the last refusal. */
async function hammer(limiter: Limiter, key: string, count: number) {
  let refused = 0;
  let last: ParleyError | undefined;
  for (let i = 0; i < count; i++) {
    try {
      await takePoint(limiter, key, 'slow down');
    } catch (error) {
      if (!(error instanceof ParleyError)) throw error;
      refused++;
      last = error;
    }
  }
  return { refused, last };
}

function capturingLogger() {
  const lines: { level: number; msg: string; limiter?: string }[] = [];
  const logger = pino({ level: 'warn' }, { write: (line: string) => lines.push(JSON.parse(line)) });
  return { logger, lines };
}

describe('rate limiters without Redis', () => {
  it('refuse the 31st failed sign-in from one address in 15 minutes and say when to retry', async () => {
    const { signInFailuresPerAddress } = createRateLimiters();
    const { refused, last } = await hammer(signInFailuresPerAddress, '203.0.113.7', 31);
    expect(refused).toBe(1);
    expect(last?.code).toBe('RATE_LIMITED');
    expect(last?.retryAfterMs).toBeGreaterThan(0);
    expect(last?.retryAfterMs).toBeLessThanOrEqual(15 * 60_000);
    expect(last?.toBody()).toEqual({
      code: 'RATE_LIMITED',
      message: 'slow down',
      retryAfterMs: last?.retryAfterMs,
    });
  });

  it('count each socket on its own, with the configured window', async () => {
    const { socketRequests } = createRateLimiters({
      limits: { socketRequests: { points: 3, durationSeconds: 5 } },
    });
    expect((await hammer(socketRequests, 'socket-a', 5)).refused).toBe(2);
    expect((await hammer(socketRequests, 'socket-b', 3)).refused).toBe(0);
    const { last } = await hammer(socketRequests, 'socket-a', 1);
    expect(last?.retryAfterMs).toBeLessThanOrEqual(5_000);
  });

  it('belong to the relay that made them, so two relays in one process count apart', async () => {
    const first = createRateLimiters();
    const second = createRateLimiters();
    expect((await hammer(first.newChatsPerAddress, '203.0.113.7', 21)).refused).toBe(1);
    expect((await hammer(second.newChatsPerAddress, '203.0.113.7', 20)).refused).toBe(0);
  });

  it('multiply each per-address allowance by the scale, and nothing else', async () => {
    const { limits } = createRateLimiters({ addressScale: 10 });
    expect(limits.newChatsPerAddress).toEqual({ points: 200, durationSeconds: 3600 });
    expect(limits.signInFailuresPerAddress.points).toBe(300);
    expect(limits.messagesPerVisitor.points).toBe(30);
    expect(limits.signInSlowdown.freeFailures).toBe(5);
  });
});

describe('rate limiters whose Redis is unreachable', () => {
  it('keep limiting in this process’s memory and log that they do', async () => {
    // Never connected, so never ready: the state of a client while Redis is down.
    const client = createClient({ url: 'redis://127.0.0.1:1' });
    const { logger, lines } = capturingLogger();
    const { signInFailuresPerAddress } = createRateLimiters({
      redis: { client, keyPrefix: 'parley-unreachable:', logger },
    });
    const { refused, last } = await hammer(signInFailuresPerAddress, '203.0.113.7', 31);
    expect(refused).toBe(1);
    expect(last?.code).toBe('RATE_LIMITED');
    expect(last?.retryAfterMs).toBeGreaterThan(0);
    // One warning, not one per request.
    expect(lines).toEqual([expect.objectContaining({ limiter: 'signin-address' })]);
  });
});
