/** REST steps and transcript checks shared by the cluster tests. */
import type {
  Agent,
  Conversation,
  ConversationDetail,
  LoginResponse,
  Message,
} from '@parley/shared';
import type { Sent } from './chat-clients';
import { CLUSTER_OWNER, type Cluster } from './cluster';
import { api, login } from './harness';

/** Signs in as the cluster's owner through `url`. */
export function loginOwner(url: string): Promise<LoginResponse> {
  return login(url, CLUSTER_OWNER.email, CLUSTER_OWNER.password);
}

/** Creates an agent of `siteId` with `capacity`, set afterwards with PATCH as the console does. */
export async function createAgent(
  url: string,
  ownerToken: string,
  siteId: string,
  name: string,
  capacity: number,
): Promise<LoginResponse> {
  const email = `${name.toLowerCase()}@cluster.test`;
  const created = await api<Agent>(url, ownerToken, 'POST', '/api/agents', {
    email,
    name,
    password: 'agent password 1',
    siteIds: [siteId],
  });
  if (created.status !== 201) throw new Error(`POST /api/agents: ${JSON.stringify(created.body)}`);
  const patched = await api(url, ownerToken, 'PATCH', `/api/agents/${created.body.id}`, {
    capacity,
  });
  if (patched.status !== 200) throw new Error(`PATCH capacity: ${JSON.stringify(patched.body)}`);
  return login(url, email, 'agent password 1');
}

/** GET /api/conversations/:id: the stored conversation and its whole transcript. */
export async function detail(url: string, token: string, id: string): Promise<ConversationDetail> {
  const reply = await api<ConversationDetail>(url, token, 'GET', `/api/conversations/${id}`);
  if (reply.status !== 200) throw new Error(`GET conversation ${id}: ${reply.status}`);
  return reply.body;
}

/** The status and agent of a conversation. */
export type Assignment = Pick<Conversation, 'status' | 'agentId'>;

/** What the database holds for a conversation: the truth every node should report. */
export async function stored(cluster: Cluster, id: string): Promise<Assignment> {
  const rows = await cluster.database.query<{ status: Conversation['status']; agent_id: string }>(
    'SELECT status, agent_id FROM conversations WHERE id = $1',
    [id],
  );
  if (!rows[0]) throw new Error(`no conversation ${id} in the database`);
  return { status: rows[0].status, agentId: rows[0].agent_id };
}

/** GET /api/conversations/:id on every running node directly: status and agent as each reports. */
export async function reportedByEachNode(
  cluster: Cluster,
  token: string,
  id: string,
): Promise<Record<string, Assignment>> {
  const views: Record<string, Assignment> = {};
  for (const node of cluster.nodes) {
    if (!node.process) continue;
    const { conversation } = await detail(node.url, token, id);
    views[`node ${node.index}`] = { status: conversation.status, agentId: conversation.agentId };
  }
  return views;
}

/** An agent as the REST API shows it now. */
export async function agentNow(url: string, token: string, id: string): Promise<Agent> {
  const reply = await api<{ items: Agent[] }>(url, token, 'GET', '/api/agents');
  const agent = reply.body.items.find((item) => item.id === id);
  if (!agent) throw new Error(`agent ${id} not listed`);
  return agent;
}

/** clientIds stored more than once (a retry stored twice), with their counts. */
export function duplicates(messages: Pick<Message, 'clientId'>[]): Record<string, number> {
  const counts = new Map<string, number>();
  for (const m of messages) counts.set(m.clientId, (counts.get(m.clientId) ?? 0) + 1);
  return Object.fromEntries([...counts].filter(([, n]) => n > 1));
}

/**
 * Pairs that break causality: `a` was acknowledged before `b` was sent, yet `b` has the lower seq.
 * Concurrent sends (neither acked before the other started) may land in either order.
 */
export function orderViolations(
  transcript: Pick<Message, 'clientId' | 'seq'>[],
  sent: Sent[],
): string[] {
  const seqOf = new Map(transcript.map((m) => [m.clientId, m.seq]));
  const problems: string[] = [];
  for (const a of sent) {
    for (const b of sent) {
      if (a.ackedAt === null || a.ackedAt >= b.sentAt) continue;
      const sa = seqOf.get(a.clientId);
      const sb = seqOf.get(b.clientId);
      if (sa !== undefined && sb !== undefined && sa >= sb)
        problems.push(
          `"${a.text.slice(0, 30)}…" (seq ${sa}) before "${b.text.slice(0, 30)}…" (seq ${sb})`,
        );
    }
  }
  return problems;
}

/** The first `length` characters, so a transcript stays readable in a failure message. */
export function clip(text: string, length = 60): string {
  return text.length > length ? `${text.slice(0, length)}…` : text;
}

/** Rejects with `what` if `promise` has not settled within `ms` (instead of the test's timeout). */
export function within<T>(ms: number, promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: not done within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
