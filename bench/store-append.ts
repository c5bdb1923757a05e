/**
 * Does storing a message get slower as the embedded store fills up? It must not: each message is
 * one journal append, never a rewrite of everything stored. This times the same batch of appends
 * into an empty store and into stores already holding many messages, in one run.
 *
 * Reproduce: pnpm bench:store             (SIZES=0,20000,100000 BATCH=2000 to change it)
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { LowdbStore } from '@parley/server';

const SIZES = (process.env['SIZES'] ?? '0,20000,100000').split(',').map(Number);
const BATCH = Number(process.env['BATCH'] ?? 2000);
const IN_FLIGHT = 16;
const TEXT = 'Calitatea serviciului pentru clienți - cheia succesului oricărei organizații.';

async function appendMany(
  store: LowdbStore,
  conversationId: string,
  count: number,
  inFlight: number,
): Promise<number> {
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < count) {
      next += 1;
      await store.appendMessage({
        id: randomUUID(),
        conversationId,
        clientId: randomUUID(),
        author: 'visitor',
        agentId: null,
        authorName: null,
        internal: false,
        text: TEXT,
        createdAt: new Date().toISOString(),
      });
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  return performance.now() - started;
}

async function conversation(store: LowdbStore): Promise<string> {
  const now = new Date().toISOString();
  const id = randomUUID();
  await store.createConversation({
    id,
    siteId: 'bench',
    visitorId: randomUUID(),
    kind: 'chat',
    status: 'active',
    agentId: null,
    tags: [],
    lastSeq: 0,
    seen: { visitor: 0, agent: 0 },
    createdAt: now,
    queuedAt: now,
    assignedAt: null,
    firstResponseAt: null,
    lastMessageAt: null,
    closedAt: null,
    closedBy: null,
    rating: null,
  });
  return id;
}

const rows: string[] = [];
let baseline = 0;
for (const size of SIZES) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'parley-store-bench-'));
  const store = new LowdbStore(dir);
  await store.init();
  // Fill with many conversations of 100 messages, as a real site would have.
  for (let stored = 0; stored < size; stored += 100) {
    await appendMany(store, await conversation(store), Math.min(100, size - stored), 100);
  }
  await store.whenIdle();
  const target = await conversation(store);
  const ms = await appendMany(store, target, BATCH, IN_FLIGHT);
  const perMessage = (ms * 1000) / BATCH;
  if (size === SIZES[0]) baseline = perMessage;
  const snapshot = await stat(path.join(dir, 'db.json')).then(
    (s) => s.size,
    () => 0,
  );
  rows.push(
    `| ${String(size).padStart(15)} | ${perMessage.toFixed(0).padStart(14)} | ${(perMessage / baseline).toFixed(2).padStart(12)} | ${(snapshot / 1024).toFixed(0).padStart(13)} |`,
  );
  await store.close();
  await rm(dir, { recursive: true, force: true });
}

console.log(
  `\nEmbedded store: ${BATCH} appends (${IN_FLIGHT} in flight, each durable before it resolves)\n`,
);
console.log('| messages stored | µs per message | vs empty     | db.json (KiB) |');
console.log('| --------------- | -------------- | ------------ | ------------- |');
for (const row of rows) console.log(row);
console.log('\nReproduce: pnpm bench:store   (SIZES, BATCH env vars change it)\n');
