/**
 * Several real Parley nodes (separate OS processes) on one fresh PostgreSQL database and the shared
 * Redis, optionally behind the shipped nginx config: the deployment the README describes, as
 * disposable resources for tests and benchmarks. Nodes are started through server-process.ts, so
 * whatever command that uses (source through tsx, or a compiled build) is what runs here.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startNginx, type Nginx } from './nginx';
import { spawnServer, type ProcessLimits, type ServerProcess } from './server-process';

export { fromAddress } from './source-address';

/** PostgreSQL server the tests may create databases on (CI sets it; this is the local one). */
export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
/** The Redis every node's Socket.IO adapter uses. */
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

/** The owner account a cluster's first start creates. */
export const CLUSTER_OWNER = { email: 'owner@cluster.test', password: 'cluster owner password' };

/** A database of its own, dropped on dispose (with the connections of killed nodes). */
export interface TestDatabase extends AsyncDisposable {
  name: string;
  /** DATABASE_URL for nodes. */
  url: string;
  query<R extends pg.QueryResultRow = Record<string, unknown>>(
    sql: string,
    params?: unknown[],
  ): Promise<R[]>;
}

/**
 * Creates `parley_test_<random>` on the server of `serverUrl`. A fresh database rather than a
 * schema: the server reads only DATABASE_URL and always uses the `public` schema.
 */
export async function freshDatabase(
  serverUrl = process.env['DATABASE_URL'] || DEFAULT_DATABASE_URL,
): Promise<TestDatabase> {
  const name = `parley_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  let client: pg.Client | null = null;
  return {
    name,
    url: url.toString(),
    async query(sql, params = []) {
      if (!client) {
        client = new pg.Client({ connectionString: url.toString() });
        await client.connect();
      }
      return (await client.query(sql, params)).rows;
    },
    async [Symbol.asyncDispose]() {
      await client?.end().catch(() => {});
      const drop = new pg.Client({ connectionString: serverUrl });
      await drop.connect();
      try {
        // FORCE ends the sessions nodes left behind, including those of SIGKILLed ones.
        await drop.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await drop.end();
      }
    },
  };
}

/** Deletes the keys a cluster left in Redis. */
export async function deleteRedisKeys(prefix: string): Promise<void> {
  const { createClient } = await import('redis');
  const client = createClient({ url: process.env['REDIS_URL'] || DEFAULT_REDIS_URL });
  await client.connect();
  for await (const keys of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 }))
    if (keys.length > 0) await client.del(keys);
  await client.close();
}

/** Lets the harness read each node's /metrics (connection counts). */
const METRICS_TOKEN = 'cluster-test-metrics-token';

/** The environment of one node of a cluster; `extra` adds or overrides variables. */
export function nodeEnv(
  databaseUrl: string,
  dataDir: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    REDIS_URL: process.env['REDIS_URL'] || DEFAULT_REDIS_URL,
    PARLEY_ADMIN_EMAIL: CLUSTER_OWNER.email,
    PARLEY_ADMIN_PASSWORD: CLUSTER_OWNER.password,
    METRICS_TOKEN,
    // Every test client comes from loopback (and through nginx, from nginx's address): the
    // per-address defaults are meant for real crowds.
    PARLEY_ADDRESS_LIMIT_SCALE: '10000',
    // Unused on PostgreSQL, but the server creates it: keep it out of the work tree.
    DATA_DIR: dataDir,
    PORT: '0',
    ...extra,
  };
}

/** One running node process. */
export interface NodeProcess extends AsyncDisposable {
  /** Its own address, bypassing nginx: http://localhost:PORT. */
  url: string;
  port: number;
  server: ServerProcess;
  /** SIGKILL (no shutdown at all) or another signal; resolves once it has exited. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts one node with `env` (see nodeEnv); a failed start rejects with its output. */
export async function launchNode(
  env: Record<string, string>,
  limits: ProcessLimits = {},
): Promise<NodeProcess> {
  const server = await spawnServer(env, limits);
  // If the test runner's worker dies, its nodes must not outlive it.
  const orphan = () => server.child.kill('SIGKILL');
  process.once('exit', orphan);
  const kill = async (signal: NodeJS.Signals = 'SIGKILL') => {
    if (server.child.exitCode === null && server.child.signalCode === null)
      server.child.kill(signal);
    await server.exited;
    process.off('exit', orphan);
  };
  return {
    url: server.url,
    port: Number(new URL(server.url).port),
    server,
    kill,
    async [Symbol.asyncDispose]() {
      const timer = setTimeout(() => server.child.kill('SIGKILL'), 3000);
      await kill('SIGTERM');
      clearTimeout(timer);
    },
  };
}

/** A node's slot in a cluster: the process changes on restart, the port does not. */
export interface ClusterNode {
  index: number;
  port: number;
  url: string;
  /** Null while killed. */
  process: NodeProcess | null;
  /** Everything it printed, across restarts. */
  output(): string;
}

/** Open Socket.IO connections a node reports in /metrics. */
export interface NodeConnections {
  visitor: number;
  agent: number;
}

export interface Cluster extends AsyncDisposable {
  nodes: ClusterNode[];
  /** nginx's address; throws when started without nginx. */
  url: string;
  nginx: Nginx | null;
  database: TestDatabase;
  /** The demo site the first start created. */
  siteId: string;
  /** SIGKILLs a node (or sends `signal`) and waits for it to exit. */
  kill(index: number, signal?: NodeJS.Signals): Promise<void>;
  /** Starts a killed node again on the same port, so nginx's upstream line stays right. */
  restart(index: number): Promise<void>;
  /** A loopback source address (127.0.0.x) whose connections nginx sends to node `index`. */
  addressFor(index: number): Promise<string>;
  /** `count` distinct such addresses. */
  addressesFor(index: number, count: number): Promise<string[]>;
  /** Which node nginx sends connections from `localAddress` to right now; null if none answered. */
  nodeFor(localAddress: string): Promise<number | null>;
  connections(index: number): Promise<NodeConnections>;
}

export interface ClusterOptions {
  nodes?: number;
  /** Put the shipped nginx config in front (default true). */
  nginx?: boolean;
  /** Extra environment for every node, e.g. PARLEY_AGENT_GRACE_MS. */
  env?: Record<string, string>;
}

/** Raw HTTP with a chosen source address (fetch cannot bind one). */
function request(
  url: string,
  options: { method?: string; body?: string; localAddress?: string },
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: options.method ?? 'GET',
        localAddress: options.localAddress,
        agent: false,
        headers: options.body ? { 'content-type': 'text/plain;charset=UTF-8' } : {},
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/**
 * Starts `nodes` nodes on a fresh database: the first alone (it does the first start: owner, demo
 * site, signing key), the others together, then nginx in front of them.
 */
export async function startCluster(options: ClusterOptions = {}): Promise<Cluster> {
  const count = options.nodes ?? 2;
  const database = await freshDatabase();
  // Its own Redis key space: presence, rate limits and the event channel of parallel tests
  // never meet.
  const redisPrefix = `parley-test-${database.name}:`;
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'parley-cluster-'));
  const nodes: ClusterNode[] = [];
  /** Every process each slot has run, for its output across restarts. */
  const runs: ServerProcess[][] = [];
  let nginx: Nginx | null = null;

  const start = async (index: number, port: number) => {
    const node = await launchNode(
      nodeEnv(database.url, dataDir, {
        PARLEY_REDIS_PREFIX: redisPrefix,
        ...options.env,
        PORT: String(port),
      }),
    );
    (runs[index] ??= []).push(node.server);
    return node;
  };
  const slot = (index: number, node: NodeProcess): ClusterNode => ({
    index,
    port: node.port,
    url: node.url,
    process: node,
    output: () => (runs[index] ?? []).map((run) => run.output()).join('\n--- restarted ---\n'),
  });

  const dispose = async () => {
    await nginx?.[Symbol.asyncDispose]();
    await Promise.all(nodes.map((node) => node.process?.[Symbol.asyncDispose]()));
    await database[Symbol.asyncDispose]();
    await deleteRedisKeys(redisPrefix);
    await rm(dataDir, { recursive: true, force: true });
  };

  try {
    nodes.push(slot(0, await start(0, 0)));
    const others = await Promise.allSettled(
      Array.from({ length: count - 1 }, (_, i) => start(i + 1, 0)),
    );
    for (const [i, result] of others.entries()) {
      if (result.status === 'fulfilled') nodes.push(slot(i + 1, result.value));
    }
    const failed = others.find((result) => result.status === 'rejected');
    if (failed) throw failed.reason;
    if (options.nginx ?? true)
      nginx = await startNginx(nodes.map((node) => `127.0.0.1:${node.port}`));
  } catch (error) {
    await dispose();
    throw error;
  }

  const rows = await database.query<{ value: string }>(
    `SELECT value FROM settings WHERE key = 'demoSiteId'`,
  );
  const siteId = rows[0]?.value;
  if (!siteId) {
    await dispose();
    throw new Error('the first start created no demo site');
  }

  const nodeFor = async (localAddress: string): Promise<number | null> => {
    if (!nginx) throw new Error('this cluster has no nginx');
    // An Engine.IO handshake through nginx opens a session on one node; only that node accepts a
    // request naming the session. The close packet ("1") then ends it there.
    const handshake = await request(`${nginx.url}/socket.io/?EIO=4&transport=polling`, {
      localAddress,
    });
    const sid = /"sid":"([^"]+)"/.exec(handshake.body)?.[1];
    if (!sid) throw new Error(`no Engine.IO handshake through nginx: ${handshake.body}`);
    for (const node of nodes) {
      if (!node.process) continue;
      const probe = await request(`${node.url}/socket.io/?EIO=4&transport=polling&sid=${sid}`, {
        method: 'POST',
        body: '1',
      }).catch(() => null);
      if (probe?.status === 200) return node.index;
    }
    return null;
  };

  const addressesFor = async (index: number, wanted: number): Promise<string[]> => {
    const found: string[] = [];
    // 127.0.0.0/8 is all loopback on Linux; the consistent hash spreads these over the nodes.
    for (let host = 1; host < 255 && found.length < wanted; host++) {
      const address = `127.0.0.${host}`;
      if ((await nodeFor(address)) === index) found.push(address);
    }
    if (found.length < wanted)
      throw new Error(`only ${found.length} loopback addresses reach node ${index}`);
    return found;
  };

  return {
    nodes,
    get url() {
      if (!nginx) throw new Error('this cluster has no nginx');
      return nginx.url;
    },
    nginx,
    database,
    siteId,
    async kill(index, signal = 'SIGKILL') {
      const node = nodes[index]!;
      await node.process?.kill(signal);
      node.process = null;
    },
    async restart(index) {
      const node = nodes[index]!;
      if (node.process) throw new Error(`node ${index} is running`);
      node.process = await start(index, node.port);
    },
    addressFor: async (index) => (await addressesFor(index, 1))[0]!,
    addressesFor,
    nodeFor,
    async connections(index) {
      const text = await fetch(`${nodes[index]!.url}/metrics`, {
        headers: { authorization: `Bearer ${METRICS_TOKEN}` },
      }).then((r) => r.text());
      const gauge = (namespace: string) =>
        Number(
          new RegExp(`^parley_connections\\{namespace="${namespace}"\\} (\\d+)`, 'm').exec(
            text,
          )?.[1] ?? 0,
        );
      return { visitor: gauge('visitor'), agent: gauge('agent') };
    },
    [Symbol.asyncDispose]: dispose,
  };
}
