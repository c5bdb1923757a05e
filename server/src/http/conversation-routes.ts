/** The transcript API: list, counts, one conversation as JSON or text. */
import {
  MISSED_TAG,
  type ConversationDetail,
  type ConversationList,
  type ConversationSummary,
  type InboxCounts,
} from '@parley/shared';
import { conversationQuerySchema } from '@parley/shared/schemas';
import { Router, type RequestHandler } from 'express';
import { servedConversation } from '../conversations/agent-actions';
import { publicAgent } from '../auth/public-agent';
import { deliveriesOf } from '../conversations/deliveries';
import type { Relay } from '../conversations/relay';
import { renderTranscript } from '../conversations/transcript-text';
import type { ConversationFilter } from '../storage/store';
import { param, parse } from './http-errors';
import { requireServes, signedIn } from './require-agent';

/** A conversation with everything the JSON and text forms need. */
export async function conversationDetail(relay: Relay, id: string): Promise<ConversationDetail> {
  const conversation = await relay.conversations.requireConversation(id);
  const [visitor, agent, messages, mails] = await Promise.all([
    relay.store.getVisitor(conversation.visitorId),
    conversation.agentId ? relay.store.getAgent(conversation.agentId) : null,
    relay.store.listMessages(id, { limit: Number.MAX_SAFE_INTEGER }),
    conversation.kind === 'offline' ? relay.store.listMailOf(id) : [],
  ]);
  if (!visitor) throw new Error(`conversation ${id} has no visitor ${conversation.visitorId}`);
  const deliveries = deliveriesOf({
    conversation,
    visitor,
    messages,
    mails,
    mailConfigured: relay.mailer.configured,
  });
  return { conversation, visitor, agent: agent ? publicAgent(agent) : null, messages, deliveries };
}

/** Day-only dates are whole days: `to=2026-11-23` includes that day. */
function endOf(value: string | undefined): string | undefined {
  if (!value) return undefined;
  return /^\d{4}-\d{2}-\d{2}$/.test(value)
    ? new Date(Date.parse(value) + 86_400_000).toISOString()
    : new Date(value).toISOString();
}

export function conversationRoutes(deps: { relay: Relay; requireAgent: RequestHandler }): Router {
  const { relay } = deps;
  const router = Router();
  router.use(deps.requireAgent);

  router.get('/', async (req, res) => {
    const agent = signedIn(res);
    const query = parse(conversationQuerySchema, req.query);
    if (query.siteId) requireServes(agent, query.siteId);
    const filter: ConversationFilter = {
      siteIds: query.siteId ? [query.siteId] : agent.siteIds,
      ...(query.status === 'open'
        ? { statuses: ['queued', 'active'] as const }
        : { status: query.status }),
      kind: query.kind,
      agentId: query.agentId,
      visitorId: query.visitorId,
      tag: query.tag,
      from: query.from ? new Date(query.from).toISOString() : undefined,
      to: endOf(query.to),
      q: query.q || undefined,
      limit: query.limit,
      offset: query.offset,
    };
    const { items, total } = await relay.store.listConversations(filter);
    const summaries: ConversationSummary[] = await Promise.all(
      items.map(async (conversation) => ({
        conversation,
        visitor: (await relay.store.getVisitor(conversation.visitorId))!,
        lastMessage: await relay.store.lastMessage(conversation.id),
        ...(filter.q ? { match: await relay.store.latestMatch(conversation.id, filter.q) } : {}),
      })),
    );
    const list: ConversationList = { items: summaries.filter((s) => s.visitor), total };
    res.json(list);
  });

  router.get('/counts', async (_req, res) => {
    const agent = signedIn(res);
    const count = async (filter: ConversationFilter) =>
      (await relay.store.listConversations({ siteIds: agent.siteIds, limit: 1, ...filter })).total;
    const counts: InboxCounts = {
      queue: await count({ status: 'queued', kind: 'chat' }),
      mine: await count({ status: 'active', agentId: agent.id }),
      all: await count({ statuses: ['queued', 'active'], kind: 'chat' }),
      offline: await count({ kind: 'offline', statuses: ['queued', 'active'] }),
      missed: await count({ kind: 'chat', status: 'closed', tag: MISSED_TAG }),
      closed: await count({ status: 'closed' }),
    };
    res.json(counts);
  });

  router.get('/:id', async (req, res) => {
    const conversation = await servedConversation(relay, signedIn(res), param(req, 'id'));
    res.json(await conversationDetail(relay, conversation.id));
  });

  router.get('/:id/transcript.txt', async (req, res) => {
    const conversation = await servedConversation(relay, signedIn(res), param(req, 'id'));
    const detail = await conversationDetail(relay, conversation.id);
    const site = await relay.conversations.requireSite(conversation.siteId);
    res
      .type('text/plain; charset=utf-8')
      .send(renderTranscript({ site, ...detail, publicUrl: relay.publicUrl() }));
  });

  return router;
}
