/**
 * Does the relay hold steady for minutes? 2,000 visitor sockets against the compiled server
 * (server/dist/main.js in its own process, on the embedded store, or on PostgreSQL with
 * SOAK_STORE=postgres) with steady traffic: visitors writing, agents answering and closing chats
 * (so visitors start new ones and the queue moves), visitors dropping and coming back with their
 * token. Every few seconds the server's RSS (/proc/<pid>/status), its heap and its event-loop
 * delay (its /metrics: prom-client's monitorEventLoopDelay, the max since the previous scrape) are
 * sampled. Reported: RSS at the start and the end, the slope (MB per minute, least squares over
 * the samples after the warm-up), the longest event-loop stall and the ack latency percentiles.
 *
 * The embedded store keeps every conversation in memory (the journal is only its durable copy),
 * so there RSS grows with what is stored; the table says how much text was stored to compare.
 *
 * Reproduce: pnpm bench:soak      (SOAK_SECONDS=300 VISITORS=2000 MESSAGES_PER_SECOND=100
 *                                  SOAK_STORE=lowdb|postgres; `-- --seconds 60` for a quick try)
 */
import { execSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { io as connect, type Socket } from 'socket.io-client';
import { DEFAULT_DATABASE_URL, freshDatabase, launchNode } from '@parley/server/testing';
import { json } from './http-json';

const argSeconds = /^--seconds(?:=|$)/.test(process.argv[2] ?? '')
  ? Number(process.argv[2]!.split('=')[1] ?? process.argv[3])
  : undefined;
const SECONDS = argSeconds ?? Number(process.env['SOAK_SECONDS'] ?? 300);
const WARMUP_SECONDS = Math.min(30, SECONDS / 2);
const VISITORS = Number(process.env['VISITORS'] ?? 2000);
const MESSAGES_PER_SECOND = Number(process.env['MESSAGES_PER_SECOND'] ?? 100);
const SAMPLE_SECONDS = Number(process.env['SAMPLE_SECONDS'] ?? 5);
const STORE = process.env['SOAK_STORE'] === 'postgres' ? 'postgres' : 'lowdb';
/**
 * Agents at the highest capacity, enough for every visitor's chat (SOAK_AGENTS=4 instead leaves
 * 1,600 chats waiting in the queue, a different load: every queued visitor's message and every
 * change of the queue then walks the whole queue).
 */
const AGENTS = Number(process.env['SOAK_AGENTS'] ?? Math.ceil(VISITORS / 100));
const CAPACITY = 100;
/** Agents answer ten times a second in all and close a chat once a second in all. */
const REPLY_EVERY_MS = AGENTS * 100;
const CLOSE_EVERY_MS = AGENTS * 1000;
/** Visitors dropping their socket and coming back (a page load, a flaky network). */
const RECONNECTS_PER_SECOND = 10;
const ACK_TIMEOUT_MS = 10_000;
const METRICS_TOKEN = 'soak-bench-metrics-token';
const OWNER = { email: 'owner@soak.test', password: 'soak owner password' };
const TEXT = 'Khách hàng chi tiêu tiền của họ nơi họ cảm thấy có giá trị.';

interface Ack {
  ok: boolean;
  data?: unknown;
  error?: { code: string };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function openFiles(): number {
  try {
    return Number(execSync('ulimit -n', { shell: '/bin/sh' }).toString().trim());
  } catch {
    return NaN;
  }
}

function opened(socket: Socket): Promise<Socket> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

/** What the run counts. */
const counts = { messages: 0, replies: 0, closes: 0, reconnects: 0 };
/** A stored message as JSON (from an ack): what the embedded store holds per message, roughly. */
let messageBytes = 0;
const failures = new Map<string, number>();
const ackLatencies: number[] = [];

function fail(what: string): void {
  failures.set(what, (failures.get(what) ?? 0) + 1);
}

/** Sends a request, timing its ack; a refusal or a timeout is counted, not thrown. */
async function timed(socket: Socket, event: string, payload: unknown): Promise<Ack | null> {
  const started = performance.now();
  try {
    const ack = (await socket.timeout(ACK_TIMEOUT_MS).emitWithAck(event, payload)) as Ack;
    ackLatencies.push(performance.now() - started);
    if (!ack.ok) fail(`${event}: ${ack.error?.code}`);
    const message = (ack.data as { message?: unknown } | undefined)?.message;
    if (message) messageBytes = Buffer.byteLength(JSON.stringify(message));
    return ack;
  } catch {
    fail(`${event}: no ack within ${ACK_TIMEOUT_MS} ms`);
    return null;
  }
}

/** Sends without waiting; `done` runs once the ack (or the failure) is in. */
function fire(socket: Socket, event: string, payload: unknown, done: () => void = () => {}): void {
  timed(socket, event, payload).then(done, done);
}

interface Visitor {
  socket: Socket | null;
  token: string | null;
  /** Requests awaiting their ack: such a visitor is not made to drop (its ack would be lost). */
  inFlight: number;
}

async function openVisitor(url: string, siteId: string, visitor: Visitor): Promise<void> {
  const socket = connect(`${url}/visitor`, {
    auth: visitor.token ? { siteId, token: visitor.token } : { siteId },
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
  });
  await opened(socket);
  const hello = (await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('visitor:hello', {})) as Ack;
  if (!hello.ok) throw new Error(`visitor:hello: ${hello.error?.code}`);
  visitor.token = (hello.data as { token: string }).token;
  visitor.socket = socket;
}

/** One sample of the server process. */
interface Sample {
  /** Seconds since the traffic started. */
  at: number;
  rssMb: number;
  heapMb: number;
  /** The V8 heap as reserved (used or not), and memory outside it (Buffers, native objects). */
  heapTotalMb: number;
  externalMb: number;
  loopMaxMs: number;
  loopP99Ms: number;
  visitorSockets: number;
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? NaN) / 1024;
}

async function sample(url: string, pid: number, at: number): Promise<Sample> {
  const text = await fetch(`${url}/metrics`, {
    headers: { authorization: `Bearer ${METRICS_TOKEN}` },
  }).then((r) => r.text());
  const metric = (name: string) =>
    Number(new RegExp(`^${name} ([0-9.e+-]+)`, 'm').exec(text)?.[1] ?? NaN);
  return {
    at,
    rssMb: rssMb(pid),
    heapMb: metric('parley_nodejs_heap_size_used_bytes') / 2 ** 20,
    heapTotalMb: metric('parley_nodejs_heap_size_total_bytes') / 2 ** 20,
    externalMb: metric('parley_nodejs_external_memory_bytes') / 2 ** 20,
    loopMaxMs: metric('parley_nodejs_eventloop_lag_max_seconds') * 1000,
    loopP99Ms: metric('parley_nodejs_eventloop_lag_p99_seconds') * 1000,
    visitorSockets: metric('parley_connections\\{namespace="visitor"\\}'),
  };
}

/** Least-squares slope of y over x. */
function slope(points: { x: number; y: number }[]): number {
  const n = points.length;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  const num = points.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0);
  const den = points.reduce((s, p) => s + (p.x - mx) ** 2, 0);
  return num / den;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

async function main(): Promise<void> {
  const limit = openFiles();
  if (limit < VISITORS + 200) {
    throw new Error(
      `ulimit -n is ${limit}: ${VISITORS} sockets need more (run \`ulimit -n 8192\` first)`,
    );
  }
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'parley-soak-'));
  await using database =
    STORE === 'postgres'
      ? await freshDatabase(process.env['DATABASE_URL'] || DEFAULT_DATABASE_URL)
      : null;
  const server = await launchNode({
    DATA_DIR: dataDir,
    ...(database ? { DATABASE_URL: database.url } : {}),
    PARLEY_ADMIN_EMAIL: OWNER.email,
    PARLEY_ADMIN_PASSWORD: OWNER.password,
    METRICS_TOKEN,
    // Every bench socket comes from loopback: the per-address limits are meant for crowds.
    PARLEY_ADDRESS_LIMIT_SCALE: '10000',
    LOG_LEVEL: 'warn',
  });
  const url = server.url;
  const pid = server.server.child.pid!;
  const owner = await json<{ token: string }>(`${url}/api/auth/login`, {
    method: 'POST',
    body: JSON.stringify(OWNER),
  });
  const sites = await json<{ items: { id: string }[] }>(`${url}/api/sites`, {
    token: owner.token,
  });
  const siteId = sites.items[0]!.id;

  const idle = rssMb(pid);
  const agents: { socket: Socket; mine: Set<string> }[] = [];
  for (let i = 0; i < AGENTS; i++) {
    const email = `agent-${i}@soak.test`;
    const created = await json<{ id: string }>(`${url}/api/agents`, {
      method: 'POST',
      token: owner.token,
      body: JSON.stringify({
        email,
        name: `Agent ${i}`,
        password: 'soak agent password',
        capacity: CAPACITY,
        siteIds: [siteId],
      }),
    });
    const { token } = await json<{ token: string }>(`${url}/api/auth/login`, {
      method: 'POST',
      body: JSON.stringify({ email, password: 'soak agent password' }),
    });
    const socket = await opened(
      connect(`${url}/agent`, { auth: { token }, transports: ['websocket'], forceNew: true }),
    );
    const mine = new Set<string>();
    socket.on(
      'conversation:updated',
      ({ conversation }: { conversation: { id: string; agentId: string; status: string } }) => {
        if (conversation.agentId === created.id && conversation.status === 'active')
          mine.add(conversation.id);
        else mine.delete(conversation.id);
      },
    );
    await socket.emitWithAck('agent:hello', {});
    agents.push({ socket, mine });
  }

  // Everyone connects, says hello and opens a chat; that is setup, not what is measured.
  const visitors: Visitor[] = Array.from({ length: VISITORS }, () => ({
    socket: null,
    token: null,
    inFlight: 0,
  }));
  const connectStarted = performance.now();
  for (let i = 0; i < VISITORS; i += 50) {
    await Promise.all(
      visitors.slice(i, i + 50).map(async (visitor) => {
        await openVisitor(url, siteId, visitor);
        await timed(visitor.socket!, 'message:send', { clientId: randomUUID(), text: TEXT });
      }),
    );
  }
  const connectSeconds = (performance.now() - connectStarted) / 1000;
  ackLatencies.length = 0;
  failures.clear();
  process.stderr.write(`${VISITORS} visitors connected in ${connectSeconds.toFixed(1)} s\n`);

  const clientLoop = monitorEventLoopDelay({ resolution: 10 });
  const samples: Sample[] = [];
  const started = performance.now();
  const elapsed = () => (performance.now() - started) / 1000;
  // This scrape resets the server's event-loop histogram: the samples cover the traffic only.
  await sample(url, pid, 0);
  clientLoop.enable();
  const timers: NodeJS.Timeout[] = [];
  let next = 0;
  /** Runs `act` `perSecond` times a second, spread over ten ticks (fractions carried over). */
  const paced = (perSecond: number, act: () => void) => {
    let owed = 0;
    return setInterval(() => {
      for (owed += perSecond / 10; owed >= 1; owed--) act();
    }, 100);
  };
  timers.push(
    paced(MESSAGES_PER_SECOND, () => {
      const visitor = visitors[next++ % VISITORS]!;
      if (!visitor.socket) return;
      counts.messages++;
      visitor.inFlight++;
      fire(visitor.socket, 'message:send', { clientId: randomUUID(), text: TEXT }, () => {
        visitor.inFlight--;
      });
    }),
  );
  const anyOf = (set: Set<string>) => [...set][Math.floor(Math.random() * set.size)];
  for (const agent of agents) {
    timers.push(
      setInterval(() => {
        const conversationId = anyOf(agent.mine);
        if (!conversationId) return;
        counts.replies++;
        fire(agent.socket, 'message:send', {
          conversationId,
          clientId: randomUUID(),
          text: TEXT,
        });
      }, REPLY_EVERY_MS),
      setInterval(() => {
        const conversationId = anyOf(agent.mine);
        if (!conversationId) return;
        counts.closes++;
        agent.mine.delete(conversationId);
        fire(agent.socket, 'conversation:close', { conversationId });
      }, CLOSE_EVERY_MS),
    );
  }
  timers.push(
    paced(RECONNECTS_PER_SECOND, () => {
      const visitor = visitors[Math.floor(Math.random() * VISITORS)]!;
      if (!visitor.socket || visitor.inFlight > 0) return;
      visitor.socket.disconnect();
      visitor.socket = null;
      counts.reconnects++;
      openVisitor(url, siteId, visitor).catch(() => fail('reconnect refused'));
    }),
  );
  while (elapsed() < SECONDS) {
    await sleep(SAMPLE_SECONDS * 1000);
    const s = await sample(url, pid, elapsed());
    samples.push(s);
    process.stderr.write(
      `${s.at.toFixed(0).padStart(4)} s  RSS ${s.rssMb.toFixed(1)} MB  heap ${s.heapMb.toFixed(1)} ` +
        `of ${s.heapTotalMb.toFixed(1)} MB  external ${s.externalMb.toFixed(1)} MB  ` +
        `loop max ${s.loopMaxMs.toFixed(1)} ms  sockets ${s.visitorSockets}\n`,
    );
  }
  for (const timer of timers) clearInterval(timer);
  clientLoop.disable();
  await sleep(ACK_TIMEOUT_MS / 2);

  const settled = samples.filter((s) => s.at >= WARMUP_SECONDS);
  const first = samples[0]!;
  const warm = settled[0] ?? first;
  const last = samples.at(-1)!;
  const rssSlope = slope(settled.map((s) => ({ x: s.at / 60, y: s.rssMb })));
  // Growth that levels off (V8 sizing its heap to the load) shows as a smaller second half.
  const halfSlope = (list: Sample[]) => slope(list.map((s) => ({ x: s.at / 60, y: s.rssMb })));
  const heapSlope = slope(settled.map((s) => ({ x: s.at / 60, y: s.heapMb })));
  // Heap used saw-tooths with the collector, and a major collection comes only now and then: the
  // lowest point of each half of the run is the closest to what stays alive. A leak lifts it.
  const middle = (WARMUP_SECONDS + SECONDS) / 2;
  const lowest = (list: Sample[]) => Math.min(...list.map((s) => s.heapMb));
  const floorFirst = lowest(settled.filter((s) => s.at < middle));
  const floorSecond = lowest(settled.filter((s) => s.at >= middle));
  const sorted = [...ackLatencies].sort((a, b) => a - b);
  const minutes = SECONDS / 60;
  const rows: [string, string][] = [
    ['store', STORE === 'postgres' ? 'PostgreSQL' : 'embedded (lowdb journal)'],
    [
      'sockets',
      `${VISITORS} visitors + ${AGENTS} agents (connected in ${connectSeconds.toFixed(1)} s)`,
    ],
    [
      'traffic',
      `${counts.messages} visitor messages (${(counts.messages / SECONDS).toFixed(0)}/s), ` +
        `${counts.replies} replies, ${counts.closes} chats closed, ${counts.reconnects} reconnects`,
    ],
    ['RSS idle, before the sockets', `${idle.toFixed(1)} MB`],
    ['RSS at start of traffic', `${first.rssMb.toFixed(1)} MB`],
    [`RSS after ${WARMUP_SECONDS} s warm-up`, `${warm.rssMb.toFixed(1)} MB`],
    ['RSS at end', `${last.rssMb.toFixed(1)} MB`],
    ['RSS slope after warm-up', `${rssSlope.toFixed(2)} MB/min`],
    [
      'RSS slope: first → second half after warm-up',
      `${halfSlope(settled.filter((s) => s.at < middle)).toFixed(2)} → ` +
        `${halfSlope(settled.filter((s) => s.at >= middle)).toFixed(2)} MB/min`,
    ],
    [
      'heap used: after warm-up → end',
      `${warm.heapMb.toFixed(1)} → ${last.heapMb.toFixed(1)} MB (${heapSlope.toFixed(2)} MB/min)`,
    ],
    [
      'lowest heap used: first → second half after warm-up',
      `${floorFirst.toFixed(1)} → ${floorSecond.toFixed(1)} MB`,
    ],
    [
      'V8 heap reserved, and memory outside it: after warm-up → end',
      `${warm.heapTotalMb.toFixed(1)} → ${last.heapTotalMb.toFixed(1)} MB; ` +
        `${warm.externalMb.toFixed(1)} → ${last.externalMb.toFixed(1)} MB`,
    ],
    [
      STORE === 'postgres'
        ? 'messages stored (in PostgreSQL)'
        : 'messages stored (held in memory too)',
      `${((counts.messages + counts.replies) / minutes).toFixed(0)}/min, ` +
        `≈ ${(((counts.messages + counts.replies) * messageBytes) / 2 ** 20 / minutes).toFixed(1)} MB/min as JSON`,
    ],
    [
      'longest event-loop stall (server)',
      `${Math.max(...samples.map((s) => s.loopMaxMs)).toFixed(1)} ms`,
    ],
    [
      'event-loop delay p99 (server, worst sample)',
      `${Math.max(...samples.map((s) => s.loopP99Ms)).toFixed(1)} ms`,
    ],
    [
      'ack latency p50 / p99 / max',
      `${percentile(sorted, 50).toFixed(1)} / ${percentile(sorted, 99).toFixed(1)} / ${sorted.at(-1)!.toFixed(1)} ms`,
    ],
    ['event-loop stall (this load process)', `${(clientLoop.max / 1e6).toFixed(1)} ms`],
    [
      'refused or unanswered requests',
      failures.size === 0 ? 'none' : [...failures].map(([k, n]) => `${k} ×${n}`).join(', '),
    ],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  const valueWidth = Math.max(...rows.map(([, v]) => v.length));
  console.log(`\nSoak: ${SECONDS} s of steady traffic against server/dist/main.js, loopback\n`);
  console.log(`| ${'measure'.padEnd(width)} | ${'value'.padEnd(valueWidth)} |`);
  console.log(`| ${'-'.repeat(width)} | ${'-'.repeat(valueWidth)} |`);
  for (const [k, v] of rows) console.log(`| ${k.padEnd(width)} | ${v.padEnd(valueWidth)} |`);
  console.log(
    `\nReproduce: pnpm bench:soak   (SOAK_SECONDS, VISITORS, MESSAGES_PER_SECOND, SOAK_STORE=postgres)\n`,
  );

  for (const visitor of visitors) visitor.socket?.disconnect();
  for (const agent of agents) agent.socket.disconnect();
  await server[Symbol.asyncDispose]();
  await rm(dataDir, { recursive: true, force: true });
  process.exitCode = failures.size === 0 ? 0 : 1;
}

await main();
process.exit();
