/** Sign-in limits of one relay, counted in memory (no REDIS_URL). */
import { describe, expect, it } from 'vitest';
import { startServer } from './harness';

const signIn = (url: string, email: string, password: string) =>
  fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });

/** Signs in `count` times with a wrong password and returns the statuses. */
async function wrongGuesses(url: string, count: number, email?: (i: number) => string) {
  const statuses: number[] = [];
  for (let i = 0; i < count; i++) {
    const response = await signIn(url, email?.(i) ?? `guess-${i}@example.com`, 'wrong');
    statuses.push(response.status);
    await response.body?.cancel();
  }
  return statuses;
}

describe('sign-in limits', () => {
  it('answers the 31st sign-in from one address within a minute with 429 and Retry-After', async () => {
    await using server = await startServer();
    expect(await wrongGuesses(server.url, 30)).toEqual(Array<number>(30).fill(401));
    const refused = await signIn(server.url, server.owner.ownerEmail, server.owner.ownerPassword);
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(await refused.json()).toEqual({
      error: {
        code: 'RATE_LIMITED',
        message: 'Too many sign-in attempts; wait a minute',
        retryAfterMs: expect.any(Number),
      },
    });
  });

  it('refuses an account after 10 failed attempts, and a success clears them', async () => {
    await using server = await startServer();
    const { ownerEmail, ownerPassword } = server.owner;
    expect(await wrongGuesses(server.url, 9, () => ownerEmail)).toEqual(Array(9).fill(401));
    expect((await signIn(server.url, ownerEmail, ownerPassword)).status).toBe(200);
    expect(await wrongGuesses(server.url, 10, () => ownerEmail)).toEqual(Array(10).fill(401));
    const refused = await signIn(server.url, ownerEmail, ownerPassword);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).not.toBeNull();
  });

  it('counts for each relay apart when several run in one process', async () => {
    await using first = await startServer();
    await using second = await startServer();
    await wrongGuesses(first.url, 31);
    const { ownerEmail, ownerPassword } = second.owner;
    expect((await signIn(second.url, ownerEmail, ownerPassword)).status).toBe(200);
  });
});
