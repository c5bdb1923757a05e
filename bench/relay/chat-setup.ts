/**
 * The chats the relay benchmark drives: N visitors and M agents, every visitor paired with one
 * agent, connected over WebSocket only. On the bare relay a pair is two rooms; on Parley it is a
 * real conversation: the visitor says hello and writes first, routing assigns it to an agent
 * (capacity N / M each, so every chat is assigned), and the agent's console learns of it.
 */
import { Worker } from 'node:worker_threads';
import { io as connect, type Socket } from 'socket.io-client';
import type { GeneratorOptions } from './phases';

/** Who receives a message: the agent's consoles or the visitor's tab. */
export type Side = 'agent' | 'visitor';

export interface ChatSetup {
  /** How many visitor–agent pairs there are. */
  pairs: number;
  /** Sends message `id` within pair `index` to `to`; resolves with whether the relay accepted it. */
  send(index: number, to: Side, id: number): Promise<boolean>;
  /** Replaces the receipt handler: `id` arrived at a socket of `side`. */
  onReceive(handler: (id: number, side: Side) => void): void;
  /** One round of the owner's heavy reads (a month's report, a site export), Parley only. */
  background?: () => Promise<void>;
  timings: { connectSeconds: number; openSeconds: number };
  close(): Promise<void>;
}

/** About 100 bytes of a real customer-service sentence (Vietnamese, from the fixtures). */
const TEXT = 'Khách hàng chi tiêu tiền của họ nơi họ cảm thấy có giá trị, tốc độ phản hồi.';
const ACK_TIMEOUT_MS = 30_000;
/** Sockets opened at once while connecting. */
const BATCH = 100;

interface Ack<T = unknown> {
  ok: boolean;
  data?: T;
  error?: { code: string; message?: string };
}

function open(url: string, auth: Record<string, string>): Promise<Socket> {
  const socket = connect(url, {
    auth,
    transports: ['websocket'],
    // One connection per client, as separate browsers have: without it they share one.
    forceNew: true,
    reconnection: false,
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

async function inBatches<T>(count: number, make: (index: number) => Promise<T>): Promise<T[]> {
  const made: T[] = [];
  for (let start = 0; start < count; start += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, count - start) }, (_, k) => make(start + k));
    made.push(...(await Promise.all(batch)));
  }
  return made;
}

async function request<T>(socket: Socket, event: string, payload: unknown): Promise<T> {
  const ack = (await socket.timeout(ACK_TIMEOUT_MS).emitWithAck(event, payload)) as Ack<T>;
  if (!ack.ok) throw new Error(`${event}: ${ack.error?.code} ${ack.error?.message ?? ''}`);
  return ack.data as T;
}

async function json<T>(url: string, init: RequestInit & { token?: string } = {}): Promise<T> {
  const response = await fetch(url, {
    ...init,
    headers: {
      'content-type': 'application/json',
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
    },
  });
  if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** The owner's reads in a thread of their own (owner-reads.mjs); `run` reads each path once. */
function startOwnerReads(url: string, token: string, paths: string[]) {
  const worker = new Worker(new URL('./owner-reads.mjs', import.meta.url), {
    workerData: { url, token, paths },
  });
  worker.unref();
  return {
    run: () =>
      new Promise<void>((resolve, reject) => {
        worker.once('message', (reply: { ok: boolean; error?: string }) =>
          reply.ok ? resolve() : reject(new Error(reply.error)),
        );
        worker.postMessage('run');
      }),
    stop: () => worker.terminate().then(() => undefined),
  };
}

const nodeOf = (urls: string[], index: number) => urls[index % urls.length]!;
const idOf = (clientId: string) => Number(/^m(\d+)$/.exec(clientId)?.[1] ?? NaN);
const seconds = (since: number) => (performance.now() - since) / 1000;

export function openSetup(
  options: GeneratorOptions,
  log: (line: string) => void,
  onConnected: () => void,
): Promise<ChatSetup> {
  return options.kind === 'bare'
    ? openBare(options, onConnected)
    : openParley(options, log, onConnected);
}

async function openBare(options: GeneratorOptions, onConnected: () => void): Promise<ChatSetup> {
  const { urls, visitors: n, agents: m } = options;
  const started = performance.now();
  const agents = await inBatches(m, (j) => open(nodeOf(urls, j + 1), { room: `a${j}` }));
  const visitors = await inBatches(n, (i) => open(nodeOf(urls, i), { room: `v${i}` }));
  const connectSeconds = seconds(started);
  onConnected();
  let handler: (id: number, side: Side) => void = () => {};
  for (const socket of agents)
    socket.on('created', (payload: { id: number }) => handler(payload.id, 'agent'));
  for (const socket of visitors)
    socket.on('created', (payload: { id: number }) => handler(payload.id, 'visitor'));
  return {
    pairs: n,
    async send(index, to, id) {
      const from = to === 'agent' ? visitors[index]! : agents[index % m]!;
      const room = to === 'agent' ? `a${index % m}` : `v${index}`;
      const ack = (await from
        .timeout(ACK_TIMEOUT_MS)
        .emitWithAck('send', { to: room, id, text: TEXT })) as Ack;
      return ack.ok;
    },
    onReceive(next) {
      handler = next;
    },
    timings: { connectSeconds, openSeconds: 0 },
    async close() {
      for (const socket of [...agents, ...visitors]) socket.disconnect();
    },
  };
}

interface AgentClient {
  id: string;
  socket: Socket;
}

async function openParley(
  options: GeneratorOptions,
  log: (line: string) => void,
  onConnected: () => void,
): Promise<ChatSetup> {
  const { urls, visitors: n, agents: m } = options;
  const owner = await json<{ token: string }>(`${urls[0]}/api/auth/login`, {
    method: 'POST',
    body: JSON.stringify(options.owner),
  });
  const sites = await json<{ items: { id: string }[] }>(`${urls[0]}/api/sites`, {
    token: owner.token,
  });
  const siteId = sites.items[0]!.id;
  const capacity = Math.ceil(n / m);
  /** Which agent each conversation is assigned to, as the agents' consoles are told. */
  const assignee = new Map<string, AgentClient>();
  const agents: AgentClient[] = [];
  for (let j = 0; j < m; j++) {
    const email = `agent-${j}@relay-bench.test`;
    const password = 'relay bench agent password';
    const created = await json<{ id: string }>(`${urls[0]}/api/agents`, {
      method: 'POST',
      token: owner.token,
      body: JSON.stringify({ email, name: `Agent ${j}`, password, capacity, siteIds: [siteId] }),
    });
    const { token } = await json<{ token: string }>(`${urls[0]}/api/auth/login`, {
      method: 'POST',
      body: JSON.stringify({ email, password }),
    });
    const agent = { id: created.id, socket: await open(`${nodeOf(urls, j + 1)}/agent`, { token }) };
    agent.socket.on(
      'conversation:updated',
      ({ conversation }: { conversation: { id: string; agentId?: string; status: string } }) => {
        if (conversation.agentId === agent.id && conversation.status === 'active')
          assignee.set(conversation.id, agent);
      },
    );
    await request(agent.socket, 'agent:hello', {});
    agents.push(agent);
  }

  const started = performance.now();
  const visitors = await inBatches(n, async (i) => {
    const socket = await open(`${nodeOf(urls, i)}/visitor`, { siteId });
    await request(socket, 'visitor:hello', {});
    return socket;
  });
  const connectSeconds = seconds(started);
  log(`${n} visitors connected in ${connectSeconds.toFixed(1)} s`);
  onConnected();

  const opening = performance.now();
  const conversationIds = await inBatches(n, async (i) => {
    const sent = await request<{ message: { conversationId: string } }>(
      visitors[i]!,
      'message:send',
      { clientId: `open-${i}`, text: TEXT },
    );
    return sent.message.conversationId;
  });
  for (let waited = 0; assignee.size < n; waited += 100) {
    if (waited > 120_000) throw new Error(`only ${assignee.size} of ${n} chats were assigned`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const openSeconds = seconds(opening);
  log(`${n} conversations opened and assigned in ${openSeconds.toFixed(1)} s`);
  // Each console lists what its inbox shows, as the real one does: its agent's chats (Mine).
  await Promise.all(
    agents.map((agent) =>
      request(agent.socket, 'inbox:listing', {
        conversationIds: [...assignee].filter(([, a]) => a === agent).map(([id]) => id),
      }),
    ),
  );

  let handler: (id: number, side: Side) => void = () => {};
  for (const agent of agents)
    agent.socket.on('message:created', ({ message }: { message: { clientId: string } }) =>
      handler(idOf(message.clientId), 'agent'),
    );
  for (const socket of visitors)
    socket.on('message:created', ({ message }: { message: { clientId: string } }) =>
      handler(idOf(message.clientId), 'visitor'),
    );
  const ownerReads = startOwnerReads(urls[0]!, owner.token, [
    '/api/reports?period=month',
    `/api/sites/${siteId}/export.ndjson`,
  ]);
  return {
    pairs: n,
    async send(index, to, id) {
      const clientId = `m${id}`;
      const conversationId = conversationIds[index]!;
      const ack = (await (to === 'agent'
        ? visitors[index]!.timeout(ACK_TIMEOUT_MS).emitWithAck('message:send', {
            clientId,
            text: TEXT,
          })
        : assignee
            .get(conversationId)!
            .socket.timeout(ACK_TIMEOUT_MS)
            .emitWithAck('message:send', { conversationId, clientId, text: TEXT }))) as Ack;
      return ack.ok;
    },
    onReceive(next) {
      handler = next;
    },
    background: () => ownerReads.run(),
    timings: { connectSeconds, openSeconds },
    async close() {
      await ownerReads.stop();
      for (const socket of [...agents.map((agent) => agent.socket), ...visitors])
        socket.disconnect();
    },
  };
}
