/**
 * How much does Parley's relay cost over a bare Socket.IO relay? Both run in this process on
 * loopback; a visitor client sends messages (a window of them in flight) and an agent client
 * receives them. Parley validates, routes, journals each message to disk (fdatasync) and
 * broadcasts it; the baseline only forwards it. Reported: messages per second and the latency
 * from send to the agent's receipt.
 *
 * Reproduce: pnpm bench:relay            (MESSAGES=3000 WINDOW=32 to change the load)
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Server } from 'socket.io';
import { io as connect, type Socket } from 'socket.io-client';
import { ensureFirstStart, LowdbStore } from '@parley/server';
import { summarise, table, type Result } from './throughput-table';
import { unlimitedRelay } from './unlimited-relay';

const MESSAGES = Number(process.env['MESSAGES'] ?? 3000);
const WINDOW = Number(process.env['WINDOW'] ?? 32);
const TEXT = 'Khách hàng chi tiêu tiền của họ nơi họ cảm thấy có giá trị.';

/** Sends MESSAGES with at most WINDOW unacknowledged, timing each until the receiver sees it. */
async function drive(
  name: string,
  send: (i: number) => Promise<void>,
  receiver: Socket,
  event: string,
  key: (payload: unknown) => string,
): Promise<Result> {
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  let received = 0;
  const done = new Promise<void>((resolve) => {
    receiver.on(event, (payload: unknown) => {
      const started = sentAt.get(key(payload));
      if (started === undefined) return;
      latencies.push(performance.now() - started);
      if (++received === MESSAGES) resolve();
    });
  });
  const started = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < MESSAGES) {
      const i = next++;
      sentAt.set(String(i), performance.now());
      await send(i);
    }
  };
  await Promise.all(Array.from({ length: WINDOW }, worker));
  await done;
  const seconds = (performance.now() - started) / 1000;
  return summarise(name, MESSAGES, seconds, latencies);
}

async function bareRelay(): Promise<Result> {
  const http = createServer();
  const io = new Server(http);
  io.on('connection', (socket) => {
    Promise.resolve(socket.join(String(socket.handshake.auth['room']))).catch((error: unknown) => {
      process.stderr.write(`bare relay: join failed: ${String(error)}\n`);
      process.exitCode = 1;
    });
    socket.on('send', (payload: { i: string; text: string }, ack: (r: unknown) => void) => {
      socket.to('agents').emit('created', payload);
      ack({ ok: true });
    });
  });
  await new Promise<void>((resolve) => http.listen(0, resolve));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  const agent = connect(url, { auth: { room: 'agents' }, transports: ['websocket'] });
  const visitor = connect(url, { auth: { room: 'visitor' }, transports: ['websocket'] });
  await Promise.all(
    [agent, visitor].map((s) => new Promise((resolve) => s.once('connect', resolve))),
  );
  const result = await drive(
    'bare Socket.IO relay',
    (i) => visitor.emitWithAck('send', { i: String(i), text: TEXT }),
    agent,
    'created',
    (p) => (p as { i: string }).i,
  );
  agent.disconnect();
  visitor.disconnect();
  await new Promise<void>((resolve) => io.close(() => resolve()));
  return result;
}

async function parleyRelay(): Promise<Result> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'parley-bench-'));
  const store = new LowdbStore(dataDir);
  await store.init();
  const owner = await ensureFirstStart(store, {
    email: 'bench@example.com',
    password: 'bench password',
  });
  const app = await unlimitedRelay(store);
  const url = await app.listen(0);
  const login = (await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'bench@example.com', password: 'bench password' }),
  }).then((r) => r.json())) as { token: string };
  const agent = connect(`${url}/agent`, {
    auth: { token: login.token },
    transports: ['websocket'],
  });
  const visitor = connect(`${url}/visitor`, {
    auth: { siteId: owner!.siteId },
    transports: ['websocket'],
  });
  await Promise.all(
    [agent, visitor].map((s) => new Promise((resolve) => s.once('connect', resolve))),
  );
  await agent.emitWithAck('agent:hello', {});
  await visitor.emitWithAck('visitor:hello', {});
  // Opening the conversation is not what is measured; the agent's console then shows it.
  const opened = await visitor.emitWithAck('message:send', { clientId: randomUUID(), text: TEXT });
  if (!opened.ok) throw new Error(`opening message failed: ${JSON.stringify(opened.error)}`);
  await agent.emitWithAck('conversation:watch', {
    conversationIds: [opened.data.message.conversationId],
  });
  const result = await drive(
    'Parley relay (validate, route, fsync, broadcast)',
    async (i) => {
      const reply = await visitor.emitWithAck('message:send', {
        clientId: `bench-${i}-${randomUUID()}`,
        text: TEXT,
      });
      if (!reply.ok) throw new Error(`message:send failed: ${JSON.stringify(reply.error)}`);
    },
    agent,
    'message:created',
    (p) =>
      /^bench-(\d+)-/.exec((p as { message: { clientId: string } }).message.clientId)?.[1] ?? '',
  );
  agent.disconnect();
  visitor.disconnect();
  await app.close();
  await store.close();
  await rm(dataDir, { recursive: true, force: true });
  return result;
}

const baseline = await bareRelay();
const parley = await parleyRelay();
console.log(
  `\nRelay throughput: ${MESSAGES} messages, ${WINDOW} in flight, one visitor → one agent, loopback\n`,
);
console.log(table('relay', [baseline, parley]));
console.log(
  `\nParley delivers ${((parley.perSecond / baseline.perSecond) * 100).toFixed(0)}% of the bare relay's throughput.`,
);
console.log('Reproduce: pnpm bench:relay   (MESSAGES, WINDOW env vars change the load)\n');
process.exit(0);
