/**
 * How long does a month's report take, and does computing one hold up the relay? For 1,000,
 * 10,000 and 100,000 conversations of a month (bench/report-data.ts: the same seeded records for
 * both stores) it times a report over that month on the embedded store and on PostgreSQL, checks
 * that both stores give the same figures, and records the embedded event loop's worst delay while
 * the report is computed. Then, with the largest month loaded, it measures the relay's message
 * latency (visitor → agent) at a steady rate, alternately without and with reports being
 * requested back to back over REST, in the same run.
 *
 * Reproduce: pnpm bench:reports   (SIZES=1000,10000,100000 RATE=100 SECONDS=5; PostgreSQL rows
 * need DATABASE_URL)
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import pg from 'pg';
import { io as connect } from 'socket.io-client';
import {
  ensureFirstStart,
  LowdbStore,
  PostgresStore,
  type ReportAggregates,
  type ReportScope,
  type Store,
} from '@parley/server';
import { json } from './http-json';
import { unlimitedRelay } from './unlimited-relay';
import { monthOfTraffic, type MonthOfTraffic } from './report-data';

const SIZES = (process.env['SIZES'] ?? '1000,10000,100000').split(',').map(Number);
const RATE = Number(process.env['RATE'] ?? 100);
const SECONDS = Number(process.env['SECONDS'] ?? 5);
const DATABASE_URL = process.env['DATABASE_URL'];
const SCHEMA = 'bench_reports';
const RUNS = 3;

function scopeOf(data: MonthOfTraffic): ReportScope {
  return {
    siteIds: data.sites.map((site) => site.id),
    agentId: null,
    from: '2026-10-31T23:00:00.000Z',
    to: '2026-11-30T23:00:00.000Z',
    timeZone: 'Europe/Warsaw',
    businessHours: Object.fromEntries(
      data.sites.map((site) => [site.id, site.widget.businessHours!]),
    ),
    ratingSiteIds: data.sites.map((site) => site.id),
    now: '2026-12-01T00:00:00.000Z',
  };
}

async function lowdbWith(data: MonthOfTraffic): Promise<{ store: LowdbStore; dir: string }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'parley-bench-reports-'));
  const snapshot = {
    format: 1,
    generation: 0,
    ...data,
    cannedReplies: [],
    settings: [],
  };
  await writeFile(path.join(dir, 'db.json'), JSON.stringify(snapshot));
  const store = new LowdbStore(dir);
  await store.init();
  return { store, dir };
}

/** Loads the records with a few big INSERTs: the store's own API would take minutes per size. */
async function postgresWith(data: MonthOfTraffic, url: string): Promise<PostgresStore> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
  const store = new PostgresStore({ connectionString: url, schema: SCHEMA });
  await store.init();
  for (const site of data.sites) await store.createSite(site);
  for (const agent of data.agents) await store.createAgent(agent);
  const batches = <T>(items: T[], size = 5_000) =>
    Array.from({ length: Math.ceil(items.length / size) }, (_, i) =>
      items.slice(i * size, (i + 1) * size),
    );
  for (const batch of batches(data.visitors)) {
    await client.query(
      `INSERT INTO ${SCHEMA}.visitors (id, site_id, data)
        SELECT v->>'id', v->>'siteId', v FROM jsonb_array_elements($1::jsonb) v`,
      [JSON.stringify(batch)],
    );
  }
  for (const batch of batches(data.conversations)) {
    await client.query(
      `INSERT INTO ${SCHEMA}.conversations (id, site_id, visitor_id, kind, status, agent_id, tags,
          last_seq, seen, created_at, queued_at, assigned_at, first_response_at, last_message_at,
          closed_at, closed_by, rating)
        SELECT c->>'id', c->>'siteId', c->>'visitorId', c->>'kind', c->>'status', c->>'agentId',
          ARRAY(SELECT jsonb_array_elements_text(c->'tags')), (c->>'lastSeq')::int, c->'seen',
          (c->>'createdAt')::timestamptz, (c->>'queuedAt')::timestamptz,
          (c->>'assignedAt')::timestamptz, (c->>'firstResponseAt')::timestamptz,
          (c->>'lastMessageAt')::timestamptz, (c->>'closedAt')::timestamptz, c->>'closedBy',
          nullif(c->'rating', 'null'::jsonb)
        FROM jsonb_array_elements($1::jsonb) c`,
      [JSON.stringify(batch)],
    );
  }
  for (const batch of batches(data.messages, 20_000)) {
    await client.query(
      `INSERT INTO ${SCHEMA}.messages (conversation_id, seq, id, client_id, author, agent_id,
          author_name, internal, text, created_at)
        SELECT m->>'conversationId', (m->>'seq')::int, m->>'id', m->>'clientId', m->>'author',
          m->>'agentId', m->>'authorName', (m->>'internal')::boolean, m->>'text',
          (m->>'createdAt')::timestamptz
        FROM jsonb_array_elements($1::jsonb) m`,
      [JSON.stringify(batch)],
    );
  }
  await client.query(`ANALYZE ${SCHEMA}.conversations`);
  await client.query(`ANALYZE ${SCHEMA}.messages`);
  await client.end();
  return store;
}

/** Median time of RUNS reports, and the event loop's worst delay during them. */
async function timeReports(store: Store, scope: ReportScope) {
  const times: number[] = [];
  const loop = monitorEventLoopDelay({ resolution: 1 });
  let figures: unknown = null;
  loop.enable();
  for (let run = 0; run < RUNS; run += 1) {
    const started = performance.now();
    figures = await store.reportAggregates(scope);
    times.push(performance.now() - started);
  }
  loop.disable();
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(RUNS / 2)]!, stallMs: loop.max / 1e6, figures };
}

/** Message latency at RATE msg/s for SECONDS, with `alongside` running meanwhile. */
async function latencyAt(
  url: string,
  token: string,
  siteId: string,
  alongside: (stop: () => boolean) => Promise<void>,
) {
  const agent = connect(`${url}/agent`, { auth: { token }, transports: ['websocket'] });
  const visitor = connect(`${url}/visitor`, { auth: { siteId }, transports: ['websocket'] });
  await Promise.all([agent, visitor].map((s) => new Promise((r) => s.once('connect', r))));
  await agent.emitWithAck('agent:hello', {});
  await visitor.emitWithAck('visitor:hello', {});
  // Opening the conversation is not measured; the agent's console then shows it.
  const opened = await visitor.emitWithAck('message:send', {
    clientId: randomUUID(),
    text: 'Dzień dobry',
  });
  await agent.emitWithAck('conversation:watch', {
    conversationIds: [opened.data.message.conversationId],
  });
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  agent.on('message:created', (event: { message: { clientId: string } }) => {
    const started = sentAt.get(event.message.clientId);
    if (started !== undefined) latencies.push(performance.now() - started);
  });
  let done = false;
  const side = alongside(() => done);
  const total = RATE * SECONDS;
  const started = performance.now();
  const sends: Promise<unknown>[] = [];
  for (let i = 0; i < total; i += 1) {
    const due = started + (i * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const clientId = `bench-${randomUUID()}`;
    sentAt.set(clientId, performance.now());
    sends.push(visitor.emitWithAck('message:send', { clientId, text: 'Dziękuję bardzo!' }));
  }
  await Promise.all(sends);
  await new Promise((r) => setTimeout(r, 500));
  done = true;
  await side;
  agent.disconnect();
  visitor.disconnect();
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
  return { p50: at(0.5), p99: at(0.99), lost: total - latencies.length };
}

async function relayImpact(data: MonthOfTraffic) {
  // No accounts: the first start then creates the owner (with the demo site) as on a new install.
  const { store, dir } = await lowdbWith({ ...data, agents: [] });
  const owner = await ensureFirstStart(store, {
    email: 'bench@example.com',
    password: 'bench pw 1',
  });
  const ownerRecord = (await store.getAgentByEmail('bench@example.com'))!;
  await store.patchAgent(ownerRecord.id, {
    siteIds: [...ownerRecord.siteIds, ...data.sites.map((site) => site.id)],
  });
  const app = await unlimitedRelay(store);
  const url = await app.listen(0);
  const { token } = await json<{ token: string }>(`${url}/api/auth/login`, {
    method: 'POST',
    body: JSON.stringify({ email: 'bench@example.com', password: 'bench pw 1' }),
  });
  let reports = 0;
  const reportLoop = async (stop: () => boolean) => {
    const query = `period=month&month=2026-11&timeZone=Europe/Warsaw&businessHours=true`;
    while (!stop()) {
      await json(`${url}/api/reports?${query}`, { token });
      reports += 1;
    }
  };
  const idle = async () => {};
  const rows: Array<{ with: boolean; p50: number; p99: number; lost: number; reports?: number }> =
    [];
  for (let pair = 0; pair < 2; pair += 1) {
    rows.push({ with: false, ...(await latencyAt(url, token, owner!.siteId, idle)) });
    const before = reports;
    const busy = await latencyAt(url, token, owner!.siteId, reportLoop);
    rows.push({ with: true, ...busy, reports: reports - before });
  }
  await app.close();
  await store.close();
  await rm(dir, { recursive: true, force: true });
  return rows;
}

/** Sites come in any order (the store contract says so): sorted before comparing. */
function comparable(figures: unknown) {
  const { bySite, ...rest } = figures as ReportAggregates;
  return { ...rest, bySite: [...bySite].sort((a, b) => a.siteId.localeCompare(b.siteId)) };
}

const ms = (value: number) => `${value.toFixed(1)} ms`;
console.log("\nA month's report (business hours on, Europe/Warsaw), median of 3\n");
console.log('| conversations | embedded | embedded worst loop delay | PostgreSQL | same figures |');
console.log('|---|---|---|---|---|');
let largest: MonthOfTraffic | null = null;
for (const size of SIZES) {
  const data = monthOfTraffic(size);
  largest = data;
  const scope = scopeOf(data);
  const { store, dir } = await lowdbWith(data);
  const embedded = await timeReports(store, scope);
  await store.close();
  await rm(dir, { recursive: true, force: true });
  let postgres: Awaited<ReturnType<typeof timeReports>> | null = null;
  if (DATABASE_URL) {
    const pgStore = await postgresWith(data, DATABASE_URL);
    postgres = await timeReports(pgStore, scope);
    await pgStore.close();
  }
  const same = postgres
    ? JSON.stringify(comparable(postgres.figures)) === JSON.stringify(comparable(embedded.figures))
      ? 'yes'
      : 'NO'
    : '—';
  console.log(
    `| ${size.toLocaleString('en')} | ${ms(embedded.ms)} | ${ms(embedded.stallMs)} | ${postgres ? ms(postgres.ms) : 'skipped (no DATABASE_URL)'} | ${same} |`,
  );
}
if (DATABASE_URL) {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
  await client.end();
}

console.log(
  `\nRelay message latency at ${RATE} msg/s for ${SECONDS} s, embedded store holding ${largest!.conversations.length.toLocaleString('en')} conversations, alternately without and with reports requested back to back\n`,
);
console.log('| reports running | p50 | p99 | lost | reports computed |');
console.log('|---|---|---|---|---|');
const impact = await relayImpact(largest!);
for (const row of impact)
  console.log(
    `| ${row.with ? 'yes' : 'no'} | ${ms(row.p50)} | ${ms(row.p99)} | ${row.lost} | ${row.reports ?? '—'} |`,
  );
const p99 = (flag: boolean) =>
  Math.max(...impact.filter((row) => row.with === flag).map((row) => row.p99));
console.log(`\nReports add ${ms(p99(true) - p99(false))} to the worst p99 (target: ≤ 50 ms).`);
console.log(
  'Reproduce: pnpm bench:reports   (SIZES, RATE, SECONDS; DATABASE_URL for PostgreSQL)\n',
);
process.exit(0);
