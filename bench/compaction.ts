/**
 * Does a compaction stall the relay? The embedded store rewrites db.json now and then; a relay
 * holding 100,000 conversations must keep answering meanwhile. This fills a store with that many
 * conversations (a few messages each) and measures the event loop's worst delay while db.json is
 * written: first the way releases before this one did it (one JSON.stringify, pretty-printed, then
 * one write), then one compact JSON.stringify, then the store's own compaction, which serializes
 * in slices that give the loop back between them. Same data, same run.
 *
 * Reproduce: pnpm bench:compaction        (CONVERSATIONS=100000 MESSAGES=3 to change it)
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, open, rename, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Conversation, Message, Site } from '@parley/shared';
import { LowdbStore } from '@parley/server';

const CONVERSATIONS = Number(process.env['CONVERSATIONS'] ?? 100_000);
const MESSAGES = Number(process.env['MESSAGES'] ?? 3);
const TEXTS = [
  'Xin chào, đơn hàng của tôi đã được giao chưa?',
  'Bună ziua! Verific imediat și revin cu un răspuns.',
  'Salamat po! Natanggap ko na ang package kahapon.',
  'Dziękuję, wszystko działa jak należy.',
];

/** db.json content as the store writes it: one site, the conversations, their messages. */
function fill(): object {
  const created = new Date('2026-11-02T08:00:00.000Z').getTime();
  const iso = (offset: number) => new Date(created + offset * 1000).toISOString();
  const site: Site = {
    id: 'site_bench',
    name: 'Cửa hàng Bình Minh',
    ownerId: 'agent_bench',
    allowedOrigins: ['https://shop.example'],
    widget: {
      color: '#0b6e4f',
      greeting: 'Xin chào! Chúng tôi có thể giúp gì cho bạn?',
      defaultLocale: 'vi',
      privacyNoticeUrl: null,
      prechatFields: [],
      businessHours: null,
      rating: { csat: true, nps: false },
      inactivityTimeoutMinutes: 30,
      identityVerification: false,
      retentionDays: null,
    },
    identitySecret: 'c2VjcmV0',
    createdAt: iso(0),
  };
  const conversations: Conversation[] = [];
  const messages: Message[] = [];
  for (let c = 0; c < CONVERSATIONS; c += 1) {
    const id = `conv_${randomUUID()}`;
    for (let seq = 1; seq <= MESSAGES; seq += 1) {
      messages.push({
        id: `msg_${randomUUID()}`,
        conversationId: id,
        seq,
        clientId: randomUUID(),
        author: seq % 2 === 1 ? 'visitor' : 'agent',
        agentId: seq % 2 === 1 ? null : 'agent_bench',
        authorName: seq % 2 === 1 ? null : 'Ana',
        internal: false,
        text: TEXTS[(c + seq) % TEXTS.length]!,
        createdAt: iso(c + seq),
      });
    }
    conversations.push({
      id,
      siteId: site.id,
      visitorId: `visitor_${randomUUID()}`,
      kind: 'chat',
      status: 'closed',
      agentId: 'agent_bench',
      tags: ['giao-hang'],
      lastSeq: MESSAGES,
      seen: { visitor: MESSAGES, agent: MESSAGES },
      createdAt: iso(c),
      queuedAt: iso(c),
      assignedAt: iso(c + 1),
      firstResponseAt: iso(c + 2),
      lastMessageAt: iso(c + MESSAGES),
      closedAt: iso(c + MESSAGES + 1),
      closedBy: 'agent',
      rating: null,
    });
  }
  return {
    format: 1,
    generation: 1,
    sites: [site],
    agents: [],
    visitors: [],
    conversations,
    messages,
    cannedReplies: [],
    settings: [],
    agentAssignedAt: [],
  };
}

/** What the event loop went through while `work` ran. */
interface Stall {
  name: string;
  /** The longest gap between two runs of a 1 ms timer, less its 1 ms: the worst stall. */
  worstMs: number;
  /** perf_hooks' event-loop delay, for comparison: its max and 99th percentile. */
  monitorMaxMs: number;
  monitorP99Ms: number;
  seconds: number;
  /** How often the 1 ms timer ran meanwhile: how often the relay could have answered. */
  turns: number;
  bytes: number;
}

async function measure(name: string, file: string, work: () => Promise<void>): Promise<Stall> {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  let turns = 0;
  let last = performance.now();
  let worst = 0;
  const probe = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - last);
    last = now;
    turns += 1;
  }, 1);
  histogram.enable();
  // Both probes need a few turns to take their first sample before the work starts.
  await new Promise((resolve) => setTimeout(resolve, 50));
  turns = 0;
  worst = 0;
  const started = performance.now();
  await work();
  const seconds = (performance.now() - started) / 1000;
  // One more turn, so a stall at the very end is seen by both probes.
  await new Promise((resolve) => setTimeout(resolve, 5));
  histogram.disable();
  clearInterval(probe);
  return {
    name,
    worstMs: Math.max(0, worst - 1),
    monitorMaxMs: histogram.max / 1e6,
    monitorP99Ms: histogram.percentile(99) / 1e6,
    seconds,
    turns,
    bytes: (await stat(file)).size,
  };
}

/** The one-shot write: serialize everything, then write, fsync and rename. */
async function oneShot(file: string, text: () => string): Promise<void> {
  const temp = `${file}.tmp`;
  const handle = await open(temp, 'w');
  await handle.writeFile(text());
  await handle.sync();
  await handle.close();
  await rename(temp, file);
}

const dir = await mkdtemp(path.join(os.tmpdir(), 'parley-compaction-bench-'));
const snapshot = fill();
const db = path.join(dir, 'db.json');
await writeFile(db, JSON.stringify(snapshot));
const results: Stall[] = [];
const elsewhere = path.join(dir, 'one-shot.json');
results.push(
  await measure('one JSON.stringify, pretty-printed (before)', elsewhere, () =>
    oneShot(elsewhere, () => JSON.stringify(snapshot, null, 2)),
  ),
);
results.push(
  await measure('one JSON.stringify, compact', elsewhere, () =>
    oneShot(elsewhere, () => JSON.stringify(snapshot)),
  ),
);
await rm(elsewhere);

// The store's own compaction: one commit past a threshold of 1 record starts it.
const store = new LowdbStore(dir, { compactAfterRecords: 1 });
await store.init();
results.push(
  await measure('LowdbStore compaction, sliced (now)', db, async () => {
    await store.setSetting('bench', 'compact now');
    await store.whenIdle();
  }),
);
await store.close();
await rm(dir, { recursive: true, force: true });

const width = Math.max(...results.map((r) => r.name.length));
console.log(
  `\nEvent loop during one db.json write: ${CONVERSATIONS} conversations, ${MESSAGES} messages each\n`,
);
console.log(
  `| ${'how db.json is written'.padEnd(width)} | worst stall ms | loop delay max / p99 ms | 1 ms timer runs | seconds | db.json MB |`,
);
console.log(
  `| ${'-'.repeat(width)} | -------------- | ----------------------- | --------------- | ------- | ---------- |`,
);
for (const r of results) {
  const monitor = `${r.monitorMaxMs.toFixed(1)} / ${r.monitorP99Ms.toFixed(1)}`;
  console.log(
    `| ${r.name.padEnd(width)} | ${r.worstMs.toFixed(1).padStart(14)} | ${monitor.padStart(23)} | ${String(r.turns).padStart(15)} | ${r.seconds.toFixed(2).padStart(7)} | ${(r.bytes / 1e6).toFixed(1).padStart(10)} |`,
  );
}
console.log(
  '\nThe one-shot rows get the snapshot object ready-made; the store also takes it from its state.',
);
console.log('\nReproduce: pnpm bench:compaction   (CONVERSATIONS, MESSAGES env vars change it)\n');
