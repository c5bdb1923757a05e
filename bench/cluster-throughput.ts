/**
 * What does a second node buy? The load of bench/relay-throughput.ts (visitors sending, agents
 * receiving, a window of messages in flight) against real node processes on PostgreSQL and Redis
 * behind the shipped nginx config (deploy/nginx/parley.conf): first one node, then two, with the
 * visitors and agents spread over both. Reported: messages per second, the latency from send to
 * the moment the conversation's agent has it (only the assignee and the consoles showing a
 * conversation get its messages in full), and the ratio two/one.
 *
 * A node lets one socket make 60 requests per 5 s, so the load comes from many visitors (about 40
 * messages each), not one fast one. Everything (load, nodes, nginx, PostgreSQL, Redis) shares this
 * machine's cores, so the ratio says what a second process gains here, not on two machines.
 *
 * Reproduce: pnpm bench:cluster     (MESSAGES=3000 WINDOW=32; DATABASE_URL and REDIS_URL default
 *                                    to the local PostgreSQL and Redis)
 */
import { randomUUID } from 'node:crypto';
import { io as connect, type Socket } from 'socket.io-client';
import {
  CLUSTER_OWNER,
  DEFAULT_DATABASE_URL,
  DEFAULT_REDIS_URL,
  fromAddress,
  startCluster,
  type Cluster,
} from '@parley/server/testing';
import { summarise, table, type Result } from './throughput-table';
import { json } from './http-json';

process.env['DATABASE_URL'] ||= DEFAULT_DATABASE_URL;
process.env['REDIS_URL'] ||= DEFAULT_REDIS_URL;

const MESSAGES = Number(process.env['MESSAGES'] ?? 3000);
const WINDOW = Number(process.env['WINDOW'] ?? 32);
/**
 * Below the per-visitor limits (30 messages a minute, 60 requests per 5 s), so the load is many
 * people writing at a human pace, not one visitor flooding.
 */
const PER_VISITOR = 25;
const VISITORS = Math.ceil(MESSAGES / PER_VISITOR);
const AGENTS = 2;
const TEXT = 'Khách hàng chi tiêu tiền của họ nơi họ cảm thấy có giá trị.';

const signIn = (url: string, email: string, password: string) =>
  json<{ token: string; agent: { id: string } }>(`${url}/api/auth/login`, {
    method: 'POST',
    body: JSON.stringify({ email, password }),
  });

function open(url: string, auth: Record<string, string>, localAddress: string): Promise<Socket> {
  const socket = connect(url, {
    auth,
    transports: ['websocket'],
    forceNew: true,
    ...fromAddress(localAddress),
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

/** Source addresses per node, so nginx's hash puts each client where it should go. */
async function addresses(cluster: Cluster, perNode: number): Promise<string[][]> {
  return Promise.all(cluster.nodes.map((node) => cluster.addressesFor(node.index, perNode)));
}

async function run(name: string, nodes: number): Promise<Result> {
  await using cluster = await startCluster({ nodes });
  const owner = await signIn(cluster.url, CLUSTER_OWNER.email, CLUSTER_OWNER.password);
  // Room for every visitor's chat: each message then goes to the agent who has its chat.
  const capacity = Math.ceil(VISITORS / AGENTS) + 1;
  if (capacity > 100) throw new Error(`MESSAGES=${MESSAGES} needs more agents than ${AGENTS}`);
  await json(`${cluster.url}/api/agents/${owner.agent.id}`, {
    method: 'PATCH',
    token: owner.token,
    body: JSON.stringify({ capacity }),
  });
  const tokens = [owner.token];
  for (let i = 1; i < AGENTS; i++) {
    const email = `bench-${i}@cluster.test`;
    await json(`${cluster.url}/api/agents`, {
      method: 'POST',
      token: owner.token,
      body: JSON.stringify({
        email,
        name: `Agent ${i}`,
        password: 'bench agent password',
        siteIds: [cluster.siteId],
        capacity,
      }),
    });
    tokens.push((await signIn(cluster.url, email, 'bench agent password')).token);
  }

  // Clients spread round robin over the nodes (all on the one node in the first run).
  const perNode = await addresses(cluster, 4);
  const place = (i: number) => {
    const here = perNode[i % nodes]!;
    return here[Math.floor(i / nodes) % here.length]!;
  };
  const agents = await Promise.all(
    tokens.map((token, i) => open(`${cluster.url}/agent`, { token }, place(i))),
  );
  await Promise.all(agents.map((agent) => agent.emitWithAck('agent:hello', {})));
  const visitors: Socket[] = [];
  for (let i = 0; i < VISITORS; i++) {
    const visitor = await open(`${cluster.url}/visitor`, { siteId: cluster.siteId }, place(i));
    await visitor.emitWithAck('visitor:hello', {});
    // Opening the conversation (creating and routing it) is not what is measured.
    const opened = await visitor.emitWithAck('message:send', {
      clientId: randomUUID(),
      text: TEXT,
    });
    if (!opened.ok) throw new Error(`opening message failed: ${JSON.stringify(opened.error)}`);
    visitors.push(visitor);
  }

  const sentAt = new Map<string, number>();
  const seenBy = new Map<string, number>();
  const latencies: number[] = [];
  let delivered = 0;
  const done = new Promise<void>((resolve) => {
    for (const agent of agents) {
      agent.on('message:created', ({ message }: { message: { clientId: string } }) => {
        const started = sentAt.get(message.clientId);
        if (started === undefined) return;
        if (seenBy.has(message.clientId)) return;
        seenBy.set(message.clientId, 1);
        latencies.push(performance.now() - started);
        if (++delivered === MESSAGES) resolve();
      });
    }
  });
  const started = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < MESSAGES) {
      const i = next++;
      const clientId = `bench-${i}-${randomUUID()}`;
      sentAt.set(clientId, performance.now());
      const reply = await visitors[i % VISITORS]!.emitWithAck('message:send', {
        clientId,
        text: TEXT,
      });
      if (!reply.ok) throw new Error(`message:send failed: ${JSON.stringify(reply.error)}`);
    }
  };
  await Promise.all(Array.from({ length: WINDOW }, worker));
  const timeout = setTimeout(() => {
    console.error(`${name}: ${delivered} of ${MESSAGES} reached their agent; giving up`);
    process.exit(1);
  }, 30_000);
  await done;
  clearTimeout(timeout);
  const seconds = (performance.now() - started) / 1000;
  for (const socket of [...agents, ...visitors]) socket.disconnect();
  return summarise(name, MESSAGES, seconds, latencies);
}

const one = await run('one node behind nginx', 1);
const two = await run('two nodes behind nginx', 2);
console.log(
  `\nCluster throughput: ${MESSAGES} messages, ${WINDOW} in flight, ${VISITORS} visitors → ${AGENTS} agents, PostgreSQL + Redis, loopback\n`,
);
console.log(table('setup', [one, two]));
console.log(
  `\nTwo nodes / one node: ${(two.perSecond / one.perSecond).toFixed(2)}× the throughput.`,
);
console.log(
  'Reproduce: pnpm bench:cluster   (MESSAGES, WINDOW env vars change the load; DATABASE_URL, REDIS_URL)\n',
);
process.exit(0);
