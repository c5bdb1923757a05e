/**
 * Two relay processes (src/main.ts, as `pnpm start` runs it) sharing one Redis enforce one sign-in
 * limit between them. CI (.ci/run) always sets REDIS_URL, so this runs there. Each run keys its
 * counters under a prefix of its own and deletes them afterwards.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createClient } from 'redis';
import { afterEach, describe, expect, it } from 'vitest';
import { deleteRedisKeys } from './cluster';
import { spawnServer, type ServerProcess } from './server-process';

const redisUrl = process.env['REDIS_URL'];
const OWNER = { email: 'boss@example.com', password: 'a long admin password' };
const running: ServerProcess[] = [];
const dirs: string[] = [];
const prefixes: string[] = [];

async function relay(prefix: string): Promise<ServerProcess> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'parley-limits-'));
  dirs.push(dataDir);
  const server = await spawnServer({
    DATA_DIR: dataDir,
    REDIS_URL: redisUrl!,
    PARLEY_REDIS_PREFIX: prefix,
    PARLEY_ADMIN_EMAIL: OWNER.email,
    PARLEY_ADMIN_PASSWORD: OWNER.password,
  });
  running.push(server);
  return server;
}

const signIn = (url: string, email: string, password: string) =>
  fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });

afterEach(async () => {
  for (const server of running.splice(0)) {
    if (server.child.exitCode === null) server.child.kill('SIGTERM');
    await server.exited;
  }
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
  if (!redisUrl) return;
  for (const prefix of prefixes.splice(0)) await deleteRedisKeys(prefix);
});

describe.skipIf(!redisUrl)('rate limits across relay processes', () => {
  it('refuses the 31st failed sign-in from one address when the attempts are split between two relays', async () => {
    const prefix = `parley-test-${randomUUID()}:`;
    prefixes.push(prefix);
    const [a, b] = await Promise.all([relay(prefix), relay(prefix)]);

    // 16 wrong guesses to each relay, alternating, each for another account so that only the
    // per-address limit (30 failures in 15 minutes) applies. Alone, neither relay would reach it.
    const statuses: number[] = [];
    let refused: Response | undefined;
    for (let i = 0; i < 32; i++) {
      const response = await signIn(i % 2 ? b.url : a.url, `guess-${i}@example.com`, 'wrong');
      statuses.push(response.status);
      if (response.status === 429) refused ??= response;
      else await response.body?.cancel();
    }
    expect(statuses).toEqual([...Array<number>(30).fill(401), 429, 429]);

    const retryAfter = Number(refused!.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    const body = (await refused!.json()) as { error: { code: string; retryAfterMs: number } };
    expect(body.error.code).toBe('RATE_LIMITED');
    expect(body.error.retryAfterMs).toBeGreaterThan(0);
    expect(body.error.retryAfterMs).toBeLessThanOrEqual(15 * 60_000);

    // Even the owner's right password is refused now, on either relay.
    for (const url of [a.url, b.url]) {
      const response = await signIn(url, OWNER.email, OWNER.password);
      expect(response.status).toBe(429);
      expect(response.headers.get('retry-after')).not.toBeNull();
    }

    // The count lives in Redis under this run's prefix.
    const client = createClient({ url: redisUrl });
    await client.connect();
    const keys = await client.keys(`${prefix}rl:signin-address:*`);
    await client.close();
    expect(keys).toHaveLength(1);
  });
});
