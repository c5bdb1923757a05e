/**
 * How far is Parley's full path from a bare Socket.IO relay, under a realistic load?
 *
 * N visitors (default 2,000) and M agents (default 50, one site, capacity N / M each, so every
 * visitor is in an assigned conversation) exchange ~100-byte messages both ways at fixed total
 * rates, stepping up (250, 500, 1,000, 2,000, … msg/s) until p99 passes 100 ms or anything is
 * lost (every rate up to 2,000 is always run). Each relay runs in its own process, and the load
 * in another (load-generator.ts), over WebSocket on loopback. The same generator drives:
 *
 * - the bare relay (bare-relay.mjs: join rooms, re-emit),
 * - the durable bare relay (the same, plus a group-committed fdatasync'ed append per message),
 * - Parley on the embedded store (server/dist/main.js, as `pnpm start` runs it),
 * - with PostgreSQL and Redis: the bare relay on the Redis adapter and Parley, one node and two.
 *
 * Reported per rate: p50/p95/p99, lost, server CPU ms per message, the ratios to the baselines,
 * and the targets of the relay checked plainly; everything is written to bench/results/relay.json.
 *
 * Reproduce: pnpm bench:relay                 (VISITORS=2000 AGENTS=50 STEP_SECONDS=6
 *                                              RATES=250,500,1000,2000,4000,8000,16000)
 *            pnpm bench:relay --profile       also writes a CPU profile of the embedded Parley
 *                                              server and prints its top functions by self time
 *            pnpm bench:relay --embedded-only skips the PostgreSQL + Redis setups
 *            pnpm bench:relay --scaling       also times connecting and opening 2,000 vs 5,000
 *                                              visitors, with the same AGENTS
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  DEFAULT_DATABASE_URL,
  DEFAULT_REDIS_URL,
  deleteRedisKeys,
  freshDatabase,
  launchNode,
  nodeEnv,
  type NodeProcess,
} from '@parley/server/testing';
import { hottestFunctions } from './cpu-profile';
import type { GeneratorOptions, RelayKind, SetupPhase, StepPhase } from './phases';
import { printReport, checkTargets, type ServerProfile } from './relay-report';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const RESULTS_DIR = path.join(HERE, '..', 'results');
const flags = new Set(process.argv.slice(2));
const PROFILE = flags.has('--profile');
const EMBEDDED_ONLY = flags.has('--embedded-only');
const SCALING = flags.has('--scaling');

const VISITORS = Number(process.env['VISITORS'] ?? 2000);
const AGENTS = Number(process.env['AGENTS'] ?? 50);
const STEP_SECONDS = Number(process.env['STEP_SECONDS'] ?? 6);
const RATES = (process.env['RATES'] ?? '250,500,1000,2000,4000,8000,16000').split(',').map(Number);
const MUST_REACH = 2000;
const P99_LIMIT_MS = 100;
const INTERFERENCE_RATE = 500;
const OWNER = { email: 'owner@relay-bench.test', password: 'relay bench owner password' };

/** The limits a person's browser never reaches, lifted: the load comes from one address. */
const UNLIMITED = {
  PARLEY_REQUEST_LIMIT: '1000000/1',
  PARLEY_MESSAGE_LIMIT: '1000000/1',
  PARLEY_ADDRESS_LIMIT_SCALE: '1000000',
  LOG_LEVEL: 'warn',
};

export interface SetupResult {
  label: string;
  kind: RelayKind;
  nodes: number;
  store: 'none' | 'journal file' | 'embedded' | 'PostgreSQL';
  setup: SetupPhase;
  steps: StepPhase[];
}

/** A running relay: its origins and processes. */
interface Relay {
  urls: string[];
  pids: number[];
  stop(): Promise<void>;
}

function startBare(env: Record<string, string>): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [path.join(HERE, 'bare-relay.mjs')], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const port = /listening (\d+)/.exec(output)?.[1];
      if (port) resolve({ url: `http://127.0.0.1:${port}`, child });
    });
    child.once('exit', (code) => reject(new Error(`bare relay exited (${code}): ${output}`)));
  });
}

async function bareRelay(nodes: number, options: { durable?: boolean; redis?: boolean }) {
  const dir = options.durable ? await mkdtemp(path.join(os.tmpdir(), 'parley-bare-')) : null;
  const key = `parley-bench-bare-${process.pid}-${Date.now()}`;
  const started = await Promise.all(
    Array.from({ length: nodes }, () =>
      startBare({
        ...(dir ? { BARE_DURABLE_DIR: dir } : {}),
        REDIS_URL: options.redis ? (process.env['REDIS_URL'] ?? DEFAULT_REDIS_URL) : '',
        BARE_REDIS_KEY: key,
      }),
    ),
  );
  return {
    urls: started.map((s) => s.url),
    pids: started.map((s) => s.child.pid!),
    async stop() {
      for (const { child } of started) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      if (dir) await rm(dir, { recursive: true, force: true });
    },
  } satisfies Relay;
}

async function embeddedParley(profileDir: string | null): Promise<Relay> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'parley-relay-bench-'));
  const node = await launchNode(
    {
      DATA_DIR: dataDir,
      PARLEY_ADMIN_EMAIL: OWNER.email,
      PARLEY_ADMIN_PASSWORD: OWNER.password,
      ...UNLIMITED,
    },
    profileDir ? { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] } : {},
  );
  return {
    urls: [node.url],
    pids: [node.server.child.pid!],
    async stop() {
      // SIGTERM: a graceful exit, which is when node writes the CPU profile.
      await node[Symbol.asyncDispose]();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function clusteredParley(nodes: number, profileDir: string | null): Promise<Relay> {
  const database = await freshDatabase(process.env['DATABASE_URL'] || DEFAULT_DATABASE_URL);
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'parley-relay-bench-'));
  const prefix = `parley-relay-bench-${process.pid}-${Date.now()}:`;
  const env = nodeEnv(database.url, dataDir, { ...UNLIMITED, PARLEY_REDIS_PREFIX: prefix });
  env['PARLEY_ADMIN_EMAIL'] = OWNER.email;
  env['PARLEY_ADMIN_PASSWORD'] = OWNER.password;
  const started: NodeProcess[] = [];
  // The first node alone does the first start (owner, demo site); the others then join.
  for (let i = 0; i < nodes; i++) {
    // The first node of the one-node setup is the one profiled.
    const profiled = profileDir && nodes === 1;
    if (profiled) await mkdir(profileDir, { recursive: true });
    const args = profiled ? { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] } : {};
    started.push(await launchNode(env, args));
  }
  return {
    urls: started.map((node) => node.url),
    pids: started.map((node) => node.server.child.pid!),
    async stop() {
      for (const node of started) await node[Symbol.asyncDispose]();
      await database[Symbol.asyncDispose]();
      await deleteRedisKeys(prefix);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Runs the load generator against `relay` and collects what it reports. */
function generate(options: GeneratorOptions): Promise<{ setup: SetupPhase; steps: StepPhase[] }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(HERE, 'load-generator.ts'), JSON.stringify(options)],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => {
      const phases = output
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as SetupPhase | StepPhase);
      const setup = phases.find((p): p is SetupPhase => p.type === 'setup');
      if (code !== 0 || !setup) {
        reject(new Error(`load generator for ${options.label} failed (exit ${code})`));
        return;
      }
      resolve({ setup, steps: phases.filter((p): p is StepPhase => p.type === 'step') });
    });
  });
}

async function measure(
  label: string,
  kind: RelayKind,
  store: SetupResult['store'],
  start: () => Promise<Relay>,
  overrides: Partial<GeneratorOptions> = {},
): Promise<SetupResult> {
  process.stderr.write(`\n${label}\n`);
  const relay = await start();
  try {
    const { setup, steps } = await generate({
      label,
      kind,
      urls: relay.urls,
      serverPids: relay.pids,
      visitors: VISITORS,
      agents: AGENTS,
      owner: OWNER,
      rates: RATES,
      stepSeconds: STEP_SECONDS,
      p99LimitMs: P99_LIMIT_MS,
      mustReachRate: MUST_REACH,
      ...(kind === 'parley' ? { interference: { rate: INTERFERENCE_RATE } } : {}),
      ...overrides,
    });
    return { label, kind, nodes: relay.urls.length, store, setup, steps };
  } finally {
    await relay.stop();
  }
}

async function main(): Promise<void> {
  const results: SetupResult[] = [];
  const profileDir = PROFILE ? path.join(RESULTS_DIR, 'profile') : null;
  if (profileDir) {
    await rm(profileDir, { recursive: true, force: true });
    await mkdir(profileDir, { recursive: true });
  }
  results.push(await measure('bare relay', 'bare', 'none', () => bareRelay(1, {})));
  results.push(
    await measure('durable bare relay', 'bare', 'journal file', () =>
      bareRelay(1, { durable: true }),
    ),
  );
  results.push(
    await measure('Parley, embedded store', 'parley', 'embedded', () => embeddedParley(profileDir)),
  );
  if (!EMBEDDED_ONLY) {
    for (const nodes of [1, 2]) {
      results.push(
        await measure(`bare relay + Redis adapter, ${nodes} node(s)`, 'bare', 'none', () =>
          bareRelay(nodes, { redis: true }),
        ),
      );
      results.push(
        await measure(`Parley, PostgreSQL + Redis, ${nodes} node(s)`, 'parley', 'PostgreSQL', () =>
          clusteredParley(nodes, profileDir && path.join(profileDir, 'postgres')),
        ),
      );
    }
  }
  const scaling: SetupPhase[] = [];
  if (SCALING) {
    for (const visitors of [2000, 5000]) {
      const run = await measure(
        `Parley, embedded store, ${visitors} visitors (connect and open only)`,
        'parley',
        'embedded',
        () => embeddedParley(null),
        // The same team for both: the relay's own work per visitor is what must stay linear.
        // (With agents in proportion, every queued chat is shown live to more consoles too.)
        { visitors, agents: AGENTS, rates: [], interference: undefined },
      );
      scaling.push(run.setup);
    }
  }
  const profiles: ServerProfile[] = [];
  if (profileDir) {
    const found = [
      { label: 'the embedded Parley server', dir: profileDir },
      { label: 'Parley on PostgreSQL + Redis, one node', dir: path.join(profileDir, 'postgres') },
    ];
    for (const { label, dir } of found) {
      const files = await readdir(dir).catch(() => [] as string[]);
      const file = files.find((name) => name.endsWith('.cpuprofile'));
      if (file)
        profiles.push({
          label,
          file: path.join(dir, file),
          functions: await hottestFunctions(path.join(dir, file)),
        });
    }
  }
  const targets = checkTargets(results, {
    mustReach: MUST_REACH,
    interferenceRate: INTERFERENCE_RATE,
    p99LimitMs: P99_LIMIT_MS,
    scaling,
  });
  printReport(results, targets, profiles, scaling);
  await mkdir(RESULTS_DIR, { recursive: true });
  await writeFile(
    path.join(RESULTS_DIR, 'relay.json'),
    `${JSON.stringify(
      {
        measuredAt: new Date().toISOString(),
        machine: { cpus: os.cpus().length, node: process.version },
        load: { visitors: VISITORS, agents: AGENTS, stepSeconds: STEP_SECONDS, rates: RATES },
        results,
        scaling,
        targets,
        profiles,
      },
      null,
      2,
    )}\n`,
  );
  console.log(
    `Written: bench/results/relay.json${profiles.map((p) => `, ${path.relative(process.cwd(), p.file)}`).join('')}`,
  );
}

await main();
process.exit(0);
