/**
 * Test servers as disposable resources: a real relay on a random port with a temporary data
 * directory, and real socket.io clients for visitors and agents.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { io as connect, type Socket } from 'socket.io-client';
import type { Ack, AgentRequests, LoginResponse, VisitorRequests } from '@parley/shared';
import { createApp, type App } from '../src/app';
import type { TrustProxy } from '../src/config';
import type { RelayLimits } from '../src/rate-limits/limits';
import { ensureFirstStart, type FirstStart } from '../src/bootstrap/first-start';
import { createLogger, type Logger } from '../src/logger';
import { LowdbStore } from '../src/storage/lowdb-store';
import type { Store } from '../src/storage/store';
import { clusterAvailable, OWNER, startTwoNodes } from './cluster-server';

/** How the relay under test runs: one embedded process, or two processes on PostgreSQL + Redis. */
export type RelayMode = 'embedded' | 'cluster';

/** The modes this run can test: the cluster needs DATABASE_URL and REDIS_URL (CI sets both). */
export function relayModes(): RelayMode[] {
  return clusterAvailable() ? ['embedded', 'cluster'] : ['embedded'];
}

export interface TestServer extends AsyncDisposable {
  mode: RelayMode;
  /** Where visitors connect (and REST calls go). */
  url: string;
  /** Where agents' consoles connect: another process than `url` in cluster mode. */
  agentUrl: string;
  /** The app itself, embedded mode only (a cluster's nodes are other processes). */
  app: App | undefined;
  store: Store;
  dataDir: string;
  owner: FirstStart;
  /** Moves the relay's clock forward (inactivity timeouts). */
  advanceClock(ms: number): void;
  /** Stops the relay and closes the store, keeping the data directory. */
  stop(): Promise<void>;
}

export interface ServerOptions {
  mode?: RelayMode;
  dataDir?: string;
  smtpUrl?: string;
  agentGraceMs?: number;
  /** PUBLIC_URL (embedded mode); unset, the listening origin. */
  publicUrl?: string;
  /** METRICS_TOKEN (embedded mode). */
  metricsToken?: string;
  /** Where the relay logs (embedded mode); silent by default. */
  logger?: Logger;
  /** Receive visitors' email replies on this SMTP port (0: any free one; embedded mode only). */
  smtpInboundPort?: number;
  /** Over the per-address defaults below (embedded mode only). */
  limits?: Partial<RelayLimits>;
  trustProxy?: TrustProxy;
  /** How often uploads never sent are swept (embedded mode; default hourly). */
  unsentFileSweepMs?: number;
}

/**
 * Every test client comes from 127.0.0.1, so the per-address limits a real deployment wants would
 * trip suites that start many chats; tests of those limits set their own.
 */
const ROOMY_ADDRESS_LIMITS: Partial<RelayLimits> = {
  messagesPerAddress: { points: 100_000, durationSeconds: 60 },
  newChatsPerAddress: { points: 100_000, durationSeconds: 60 },
  offlineMessagesPerAddress: { points: 100_000, durationSeconds: 60 },
  connectionsPerAddress: { points: 100_000, durationSeconds: 60 },
};

/** Starts a relay with the first-start owner and demo site. */
export async function startServer(options: ServerOptions = {}): Promise<TestServer> {
  if (options.mode === 'cluster') return startClusterServer(options);
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'parley-test-')));
  const store = new LowdbStore(dataDir);
  await store.init();
  const created = await ensureFirstStart(store, {
    email: 'owner@example.com',
    password: 'correct horse battery',
  });
  const owner = created ?? {
    ownerEmail: 'owner@example.com',
    ownerPassword: 'correct horse battery',
    siteId: (await store.getSetting('demoSiteId'))!,
  };
  let offset = 0;
  const app = await createApp({
    config: {
      publicUrl: options.publicUrl,
      redisUrl: undefined,
      smtpUrl: options.smtpUrl,
      metricsToken: options.metricsToken,
      trustProxy: options.trustProxy ?? false,
      smtpInboundPort: options.smtpInboundPort,
    },
    limits: { ...ROOMY_ADDRESS_LIMITS, ...options.limits },
    store,
    logger: options.logger ?? createLogger('silent'),
    now: () => Date.now() + offset,
    agentGraceMs: options.agentGraceMs ?? 60_000,
    inactivitySweepMs: 60_000,
    unsentFileSweepMs: options.unsentFileSweepMs,
  });
  const url = await app.listen(0);
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await app.close();
    await store.close();
  };
  return {
    mode: 'embedded',
    url,
    agentUrl: url,
    app,
    store,
    dataDir,
    owner,
    advanceClock: (ms) => {
      offset += ms;
    },
    stop,
    async [Symbol.asyncDispose]() {
      await stop();
      if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function startClusterServer(options: ServerOptions): Promise<TestServer> {
  const { cluster, store, dispose } = await startTwoNodes({
    SMTP_URL: options.smtpUrl ?? '',
    PARLEY_AGENT_GRACE_MS: String(options.agentGraceMs ?? 60_000),
  });
  const [visitors, agents] = cluster.nodes;
  return {
    mode: 'cluster',
    url: visitors!.url,
    agentUrl: agents!.url,
    app: undefined,
    store,
    dataDir: '',
    owner: { ownerEmail: OWNER.email, ownerPassword: OWNER.password, siteId: cluster.siteId },
    advanceClock: () => {
      throw new Error('the clock of a cluster test cannot be moved');
    },
    stop: dispose,
    [Symbol.asyncDispose]: dispose,
  };
}

/** A socket whose requests return the ack. */
export interface Client<R> extends AsyncDisposable {
  socket: Socket;
  request<K extends keyof R & string>(
    event: K,
    payload: R[K] extends { in: infer I } ? I : never,
  ): Promise<Ack<R[K] extends { out: infer O } ? O : never>>;
  /** Like request, but fails the test on an error ack. */
  ok<K extends keyof R & string>(
    event: K,
    payload: R[K] extends { in: infer I } ? I : never,
  ): Promise<R[K] extends { out: infer O } ? O : never>;
  /** Resolves with the next `event` matching `predicate`. */
  next<T = unknown>(
    event: string,
    predicate?: (payload: T) => boolean,
    timeoutMs?: number,
  ): Promise<T>;
  /** Every payload of `event` received so far. */
  received<T = unknown>(event: string): T[];
}

function wrap<R>(socket: Socket): Client<R> {
  const log = new Map<string, unknown[]>();
  socket.onAny((event: string, payload: unknown) => {
    log.set(event, [...(log.get(event) ?? []), payload]);
  });
  const request = (event: string, payload: unknown) =>
    socket.timeout(5000).emitWithAck(event, payload) as Promise<Ack<unknown>>;
  return {
    socket,
    request: request as Client<R>['request'],
    ok: (async (event: string, payload: unknown) => {
      const reply = await request(event, payload);
      if (!reply.ok) throw new Error(`${event} failed: ${reply.error.code} ${reply.error.message}`);
      return reply.data;
    }) as Client<R>['ok'],
    next: <T>(event: string, predicate: (payload: T) => boolean = () => true, timeoutMs = 5000) =>
      new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => {
          socket.off(event, listener);
          reject(new Error(`no ${event} within ${timeoutMs} ms`));
        }, timeoutMs);
        const listener = (payload: T) => {
          if (!predicate(payload)) return;
          clearTimeout(timer);
          socket.off(event, listener);
          resolve(payload);
        };
        socket.on(event, listener);
      }),
    received: <T>(event: string) => (log.get(event) ?? []) as T[],
    async [Symbol.asyncDispose]() {
      socket.disconnect();
    },
  };
}

async function connected(socket: Socket): Promise<Socket> {
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (error) => reject(error));
  });
  return socket;
}

/** A visitor's widget connection (websocket only, like a browser after upgrade). */
export async function connectVisitor(
  url: string,
  auth: { siteId: string; token?: string },
  options: { origin?: string; headers?: Record<string, string> } = {},
): Promise<Client<VisitorRequests>> {
  const socket = connect(`${url}/visitor`, {
    auth,
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    extraHeaders: { ...(options.origin ? { origin: options.origin } : {}), ...options.headers },
  });
  return wrap<VisitorRequests>(await connected(socket));
}

/** An agent's console connection. */
export async function connectAgent(url: string, token: string): Promise<Client<AgentRequests>> {
  const socket = connect(`${url}/agent`, {
    auth: { token },
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
  });
  return wrap<AgentRequests>(await connected(socket));
}

/** Signs in over REST. */
export async function login(url: string, email: string, password: string): Promise<LoginResponse> {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!response.ok) throw new Error(`login failed: ${response.status} ${await response.text()}`);
  return (await response.json()) as LoginResponse;
}

/** A JSON REST call as an agent. */
export async function api<T = unknown>(
  url: string,
  token: string,
  method: string,
  route: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const response = await fetch(`${url}${route}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const type = response.headers.get('content-type') ?? '';
  return {
    status: response.status,
    body: (type.includes('application/json') ? JSON.parse(text) : text) as T,
  };
}

/** The password every account the tests create gets. */
export const HIRED_PASSWORD = 'agent password 1';

/** Creates an account as `token` (email from the name) and signs it in. */
export async function hire(
  server: TestServer,
  token: string,
  who: { name: string; role?: 'owner' | 'agent'; siteIds: string[]; capacity?: number },
): Promise<LoginResponse> {
  const email = `${who.name.toLowerCase()}@example.com`;
  const created = await api(server.url, token, 'POST', '/api/agents', {
    email,
    name: who.name,
    password: HIRED_PASSWORD,
    role: who.role ?? 'agent',
    capacity: who.capacity ?? 5,
    siteIds: who.siteIds,
  });
  if (created.status !== 201)
    throw new Error(`could not create agent: ${created.status} ${JSON.stringify(created.body)}`);
  return login(server.url, email, HIRED_PASSWORD);
}

/** Creates an agent serving the demo site and signs them in. */
export function createAgent(server: TestServer, ownerToken: string, name: string, capacity = 5) {
  return hire(server, ownerToken, { name, capacity, siteIds: [server.owner.siteId] });
}

/** The repository's fixtures/customer-service/ folder. */
const FIXTURES = new URL('../../fixtures/customer-service/', import.meta.url);

/** Paragraphs of real customer-service text in vi, ro, tl and pl. */
export async function fixtureParagraphs(): Promise<{
  vi: string[];
  ro: string[];
  tl: string[];
  pl: string[];
}> {
  const files = await readdir(FIXTURES);
  const read = async (prefix: string) => {
    const name = files.find((file) => file.startsWith(prefix))!;
    const text = await readFile(new URL(name, FIXTURES), 'utf8');
    return text
      .split(/\n+/)
      .map((p) => p.trim())
      .filter((p) => p.length > 40);
  };
  return {
    vi: await read('000_'),
    ro: await read('001_'),
    tl: await read('002_'),
    pl: await read('003_'),
  };
}

/** Waits until `check` passes (for effects that arrive asynchronously). */
export async function eventually(
  check: () => void | Promise<void>,
  timeoutMs = 5000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}
