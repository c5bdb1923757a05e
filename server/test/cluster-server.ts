/**
 * The relay as it runs on several machines: two server processes (separate OS processes) on one
 * PostgreSQL schema and one Redis key space, both fresh for each test. Visitors reach one node
 * and agents the other, so every test of the relay suite also proves that nothing depends on
 * which process a socket happens to be connected to.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { PostgresStore } from '../src/storage/postgres-store';
import { spawnServer, type ServerProcess } from './server-process';

export const OWNER = { email: 'owner@example.com', password: 'correct horse battery' };

/** True when this run has what the cluster mode needs (CI sets both). */
export function clusterAvailable(): boolean {
  return Boolean(process.env['DATABASE_URL'] && process.env['REDIS_URL']);
}

export interface Cluster {
  nodes: ServerProcess[];
  /** A store on the same schema, for the test's own reads. */
  store: PostgresStore;
  siteId: string;
  /** Stops every node and drops the schema and the Redis keys. */
  dispose(): Promise<void>;
}

/** Starts `size` nodes sharing a fresh schema and Redis prefix. */
export async function startCluster(
  options: { size?: number; env?: Record<string, string> } = {},
): Promise<Cluster> {
  const databaseUrl = process.env['DATABASE_URL']!;
  const redisUrl = process.env['REDIS_URL']!;
  const tag = randomUUID().replaceAll('-', '').slice(0, 12);
  const schema = `parley_test_${tag}`;
  const prefix = `parley-test-${tag}:`;
  const env = {
    DATABASE_URL: databaseUrl,
    PARLEY_DATABASE_SCHEMA: schema,
    REDIS_URL: redisUrl,
    PARLEY_REDIS_PREFIX: prefix,
    PARLEY_ADMIN_EMAIL: OWNER.email,
    PARLEY_ADMIN_PASSWORD: OWNER.password,
    // Every test client comes from 127.0.0.1; the per-address defaults are for real crowds.
    PARLEY_ADDRESS_LIMIT_SCALE: '10000',
    ...options.env,
  };
  const nodes: ServerProcess[] = [];
  const store = new PostgresStore({ connectionString: databaseUrl, schema });
  const dispose = async () => {
    await Promise.all(nodes.map(stopNode));
    await store.close();
    const admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
    await deleteRedisKeys(redisUrl, prefix);
  };
  try {
    for (let i = 0; i < (options.size ?? 2); i += 1) nodes.push(await spawnServer(env));
    await store.init();
    const siteId = await store.getSetting('demoSiteId');
    if (!siteId) throw new Error('the cluster created no demo site');
    return { nodes, store, siteId, dispose };
  } catch (error) {
    await dispose();
    throw error;
  }
}

/** SIGTERM and wait; SIGKILL after 10 s. */
async function stopNode(node: ServerProcess): Promise<void> {
  if (node.child.exitCode !== null || node.child.signalCode !== null) return;
  node.child.kill('SIGTERM');
  const killer = setTimeout(() => node.child.kill('SIGKILL'), 10_000);
  await node.exited;
  clearTimeout(killer);
}

async function deleteRedisKeys(url: string, prefix: string): Promise<void> {
  const { createClient } = await import('redis');
  const client = createClient({ url });
  await client.connect();
  for await (const keys of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 }))
    if (keys.length > 0) await client.del(keys);
  await client.close();
}
