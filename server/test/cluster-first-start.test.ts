/**
 * Several nodes started at the same moment on an empty database (a fresh deployment, or every
 * replica of an orchestrator at once) make one first start between them, not one each.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLUSTER_OWNER, freshDatabase, launchNode, nodeEnv, type NodeProcess } from './cluster';
import { api, login } from './harness';

const databaseUrl = process.env['DATABASE_URL'];
const redisUrl = process.env['REDIS_URL'];

/** Races are rare per try: several fresh databases, two nodes started together on each. */
const ROUNDS = 5;

interface Round {
  started: number;
  owners: number;
  agents: number;
  sites: number;
  signingKeys: number;
  demoSiteExists: boolean;
  /** Status of GET /api/auth/me on node B with a token node A issued, and the other way. */
  tokenFromAOnB: number | null;
  tokenFromBOnA: number | null;
}

const EXPECTED: Round = {
  started: 2,
  owners: 1,
  agents: 1,
  sites: 1,
  signingKeys: 1,
  demoSiteExists: true,
  tokenFromAOnB: 200,
  tokenFromBOnA: 200,
};

async function crossCheck(issuer: NodeProcess, verifier: NodeProcess): Promise<number> {
  const { token } = await login(issuer.url, CLUSTER_OWNER.email, CLUSTER_OWNER.password);
  return (await api(verifier.url, token, 'GET', '/api/auth/me')).status;
}

async function race(): Promise<{ round: Round; failures: string[] }> {
  await using database = await freshDatabase();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'parley-first-start-'));
  const env = nodeEnv(database.url, dataDir);
  const launched = await Promise.allSettled([launchNode(env), launchNode(env)]);
  const nodes = launched.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const failures = launched.flatMap((result) =>
    result.status === 'rejected' ? [String(result.reason).slice(0, 2000)] : [],
  );
  try {
    const count = async (sql: string) =>
      Number((await database.query<{ n: string }>(sql))[0]?.n ?? 0);
    const demo = await database.query<{ exists: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM sites WHERE id = (SELECT value FROM settings WHERE key = 'demoSiteId')) AS exists`,
    );
    const [a, b] = nodes;
    return {
      round: {
        started: nodes.length,
        owners: await count(`SELECT count(*) AS n FROM agents WHERE data->>'role' = 'owner'`),
        agents: await count('SELECT count(*) AS n FROM agents'),
        sites: await count('SELECT count(*) AS n FROM sites'),
        signingKeys: await count(
          `SELECT count(*) AS n FROM settings WHERE key = 'tokenSigningKey'`,
        ),
        demoSiteExists: demo[0]?.exists ?? false,
        tokenFromAOnB: a && b ? await crossCheck(a, b) : null,
        tokenFromBOnA: a && b ? await crossCheck(b, a) : null,
      },
      failures,
    };
  } finally {
    await Promise.all(nodes.map((node) => node[Symbol.asyncDispose]()));
    await rm(dataDir, { recursive: true, force: true });
  }
}

describe.skipIf(!databaseUrl || !redisUrl)('first start of several nodes at once', () => {
  it('creates exactly one owner, one demo site and one token signing key, shared by every node', async () => {
    const rounds: Round[] = [];
    const failures: string[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const result = await race();
      rounds.push(result.round);
      failures.push(...result.failures);
    }
    expect.soft(failures, 'nodes that did not start').toEqual([]);
    expect(rounds).toEqual(Array.from({ length: ROUNDS }, () => EXPECTED));
  }, 120_000);
});
