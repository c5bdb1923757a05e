/**
 * Sign-in limits of one relay, counted in memory (no REDIS_URL). Only failures count: 30 per
 * address per 15 minutes, and a growing wait on an (account, address) pair after 5.
 */
import { describe, expect, it } from 'vitest';
import { connectVisitor, startServer } from './harness';

const signIn = (url: string, email: string, password: string, forwardedFor?: string) =>
  fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}),
    },
    body: JSON.stringify({ email, password }),
  });

/** Signs in `count` times with a wrong password and returns the statuses. */
async function wrongGuesses(
  url: string,
  count: number,
  email?: (i: number) => string,
  forwardedFor?: string,
) {
  const statuses: number[] = [];
  for (let i = 0; i < count; i++) {
    const response = await signIn(
      url,
      email?.(i) ?? `guess-${i}@example.com`,
      'wrong',
      forwardedFor,
    );
    statuses.push(response.status);
    await response.body?.cancel();
  }
  return statuses;
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

describe('sign-in limits', () => {
  it('lets 35 agents behind one office address sign in within a minute', async () => {
    await using server = await startServer();
    const { ownerEmail, ownerPassword } = server.owner;
    const statuses: number[] = [];
    for (let i = 0; i < 35; i++) {
      const response = await signIn(server.url, ownerEmail, ownerPassword);
      statuses.push(response.status);
      await response.body?.cancel();
    }
    expect(statuses).toEqual(Array<number>(35).fill(200));
  });

  it('answers the 31st failed sign-in from one address with 429 and Retry-After', async () => {
    await using server = await startServer();
    expect(await wrongGuesses(server.url, 30)).toEqual(Array<number>(30).fill(401));
    const refused = await signIn(server.url, server.owner.ownerEmail, server.owner.ownerPassword);
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(await refused.json()).toEqual({
      error: {
        code: 'RATE_LIMITED',
        message: 'Too many failed sign-ins; wait before trying again',
        retryAfterMs: expect.any(Number),
      },
    });
  });

  it('answers an unknown email exactly as a known one with a wrong password, in similar time', async () => {
    await using server = await startServer();
    const known: number[] = [];
    const unknown: number[] = [];
    const bodies = new Set<string>();
    for (let i = 0; i < 5; i++) {
      for (const [email, times] of [
        [server.owner.ownerEmail, known],
        [`nobody-${i}@example.com`, unknown],
      ] as const) {
        const started = performance.now();
        const response = await signIn(server.url, email, 'wrong password');
        const body = await response.text();
        times.push(performance.now() - started);
        bodies.add(`${response.status} ${body}`);
      }
    }
    expect([...bodies]).toEqual([
      '401 {"error":{"code":"INVALID_CREDENTIALS","message":"Wrong email or password"}}',
    ]);
    // Without the dummy hash an unknown email answers in well under a tenth of the time.
    const ratio = median(known) / median(unknown);
    expect(ratio).toBeLessThan(3);
    expect(ratio).toBeGreaterThan(1 / 3);
  });

  it('slows down guesses on one account from one address, and not the owner elsewhere', async () => {
    await using server = await startServer({ trustProxy: 1 });
    const { ownerEmail, ownerPassword } = server.owner;
    const stranger = '203.0.113.66';
    const guesses = await wrongGuesses(server.url, 10, () => ownerEmail, stranger);
    // Five free failures, a sixth that starts a one-second wait, then waits.
    expect(guesses.slice(0, 6)).toEqual(Array<number>(6).fill(401));
    expect(guesses.slice(6)).toEqual(Array<number>(4).fill(429));
    const waited = await signIn(server.url, ownerEmail, 'wrong', stranger);
    expect(waited.status).toBe(429);
    expect(Number(waited.headers.get('retry-after'))).toBe(1);
    // The owner, from their own address, is not slowed at all.
    expect((await signIn(server.url, ownerEmail, ownerPassword, '198.51.100.7')).status).toBe(200);
    // Nor is another account from the stranger's address.
    expect((await signIn(server.url, 'other@example.com', 'wrong', stranger)).status).toBe(401);
  });

  it('lets the owner in from the guessers’ own address once the wait is over, and forgets the failures', async () => {
    await using server = await startServer({
      limits: {
        signInSlowdown: {
          freeFailures: 9,
          baseDelaySeconds: 1,
          maxDelaySeconds: 1,
          windowSeconds: 60,
        },
      },
    });
    const { ownerEmail, ownerPassword } = server.owner;
    expect(await wrongGuesses(server.url, 10, () => ownerEmail)).toEqual(Array(10).fill(401));
    const refused = await signIn(server.url, ownerEmail, ownerPassword);
    expect(refused.status).toBe(429);
    const { error } = (await refused.json()) as { error: { retryAfterMs: number } };
    expect(error.retryAfterMs).toBeLessThanOrEqual(1_000);
    await new Promise((resolve) => setTimeout(resolve, error.retryAfterMs + 50));
    expect((await signIn(server.url, ownerEmail, ownerPassword)).status).toBe(200);
    // The right password forgot the pair's failures: nine free ones again.
    expect(await wrongGuesses(server.url, 9, () => ownerEmail)).toEqual(Array(9).fill(401));
  });

  it('counts for each relay apart when several run in one process', async () => {
    await using first = await startServer();
    await using second = await startServer();
    await wrongGuesses(first.url, 31);
    const { ownerEmail, ownerPassword } = second.owner;
    expect((await signIn(second.url, ownerEmail, ownerPassword)).status).toBe(200);
  });
});

describe('client address behind a proxy', () => {
  it('ignores X-Forwarded-For when TRUST_PROXY is unset', async () => {
    await using server = await startServer();
    const spoofed = Array.from({ length: 30 }, (_, i) => `198.51.100.${i}`);
    for (const address of spoofed)
      expect(
        await wrongGuesses(
          server.url,
          1,
          () => `guess-${address.replaceAll('.', '-')}@example.com`,
          address,
        ),
      ).toEqual([401]);
    const { ownerEmail, ownerPassword } = server.owner;
    expect((await signIn(server.url, ownerEmail, ownerPassword, '192.0.2.1')).status).toBe(429);
  });

  it('takes the address from X-Forwarded-For when TRUST_PROXY is 1', async () => {
    await using server = await startServer({ trustProxy: 1 });
    expect(await wrongGuesses(server.url, 31, undefined, '198.51.100.1')).toEqual([
      ...Array<number>(30).fill(401),
      429,
    ]);
    const { ownerEmail, ownerPassword } = server.owner;
    expect((await signIn(server.url, ownerEmail, ownerPassword, '192.0.2.1')).status).toBe(200);
  });

  it('limits socket connections by the same address', async () => {
    const limits = { connectionsPerAddress: { points: 2, durationSeconds: 60 } };
    const connectFrom = (url: string, siteId: string, forwardedFor: string) =>
      connectVisitor(url, { siteId }, { headers: { 'x-forwarded-for': forwardedFor } });
    {
      await using server = await startServer({ trustProxy: 1, limits });
      const { siteId } = server.owner;
      await using a1 = await connectFrom(server.url, siteId, '198.51.100.1');
      await using a2 = await connectFrom(server.url, siteId, '198.51.100.1');
      const third = await connectFrom(server.url, siteId, '198.51.100.1').catch((e: unknown) => e);
      expect(third).toMatchObject({
        data: { code: 'RATE_LIMITED', retryAfterMs: expect.any(Number) },
      });
      await using b = await connectFrom(server.url, siteId, '198.51.100.2');
      expect(b.socket.connected && a1.socket.connected && a2.socket.connected).toBe(true);
    }
    {
      await using server = await startServer({ limits });
      const { siteId } = server.owner;
      await using a1 = await connectFrom(server.url, siteId, '198.51.100.1');
      await using a2 = await connectFrom(server.url, siteId, '198.51.100.2');
      const third = await connectFrom(server.url, siteId, '198.51.100.3').catch((e: unknown) => e);
      expect(third).toMatchObject({ data: { code: 'RATE_LIMITED' } });
      expect(a1.socket.connected && a2.socket.connected).toBe(true);
    }
  });
});
