/** One visitor's data for its owners: export it whole, or erase it (privacy requests). */
import {
  ParleyError,
  type AuditTarget,
  type ExportedConversation,
  type Visitor,
  type VisitorErasure,
  type VisitorExport,
} from '@parley/shared';
import { Router, type RequestHandler } from 'express';
import { recordAudit } from '../audit/audit-trail';
import type { Relay } from '../conversations/relay';
import { withAbsoluteFileLinks } from '../files/attachment-lines';
import type { AgentRecord } from '../storage/store';
import { param } from './http-errors';
import { requireOwner, signedIn } from './require-agent';

/** Every conversation of the visitor, with its messages (file links absolute), oldest first. */
async function conversationsOf(relay: Relay, visitorId: string): Promise<ExportedConversation[]> {
  const pageSize = 200;
  const conversations = [];
  for (let offset = 0; ; offset += pageSize) {
    const { items } = await relay.store.listConversations({ visitorId, limit: pageSize, offset });
    conversations.push(...items);
    if (items.length < pageSize) break;
  }
  conversations.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  return Promise.all(
    conversations.map(async (conversation) => ({
      conversation,
      messages: withAbsoluteFileLinks(
        relay.publicUrl(),
        await relay.store.listMessages(conversation.id, { limit: Number.MAX_SAFE_INTEGER }),
      ),
    })),
  );
}

/** A visitor is named by id only: their name and email are what an erasure removes. */
function visitorTarget(visitorId: string): AuditTarget {
  return { kind: 'visitor', id: visitorId, label: visitorId };
}

export function visitorRoutes(deps: { relay: Relay; requireAgent: RequestHandler }): Router {
  const { relay } = deps;
  const router = Router();
  router.use(deps.requireAgent);

  /**
   * The visitor, if `agent` owns their site. Someone not serving the site learns nothing, not
   * even that the visitor exists (404); an agent of the site is refused (403).
   */
  const ownedVisitor = async (agent: AgentRecord, id: string): Promise<Visitor> => {
    const visitor = await relay.store.getVisitor(id);
    if (!visitor || !agent.siteIds.includes(visitor.siteId))
      throw new ParleyError('NOT_FOUND', 'No such visitor');
    requireOwner(agent);
    return visitor;
  };

  router.get('/:id/export', async (req, res) => {
    const agent = signedIn(res);
    const visitor = await ownedVisitor(agent, param(req, 'id'));
    const body: VisitorExport = {
      exportedAt: relay.conversations.timestamp(),
      visitor,
      conversations: await conversationsOf(relay, visitor.id),
    };
    relay.logger.info(
      { agentId: agent.id, siteId: visitor.siteId, visitorId: visitor.id },
      'visitor exported',
    );
    await recordAudit(relay, agent, {
      action: 'visitor.exported',
      target: visitorTarget(visitor.id),
      siteIds: [visitor.siteId],
    });
    res.setHeader(
      'content-disposition',
      `attachment; filename="parley-visitor-${visitor.id}.json"`,
    );
    res.json(body);
  });

  router.delete('/:id', async (req, res) => {
    const agent = signedIn(res);
    const visitor = await ownedVisitor(agent, param(req, 'id'));
    // A live chat has a visitor and an agent in it right now: end it first, then erase.
    if (await relay.store.openChatOf(visitor.id))
      throw new ParleyError('CONFLICT', 'The visitor is in an open chat; close it first');
    const conversationIds = await relay.store.eraseVisitor(visitor.id);
    // After the conversations: a file whose conversation is gone is never served anyway.
    await relay.store.files.deleteForConversations(conversationIds);
    await relay.store.files.deleteUnsentOf(visitor.id);
    // Ids only: the log must not keep what was just erased.
    relay.logger.info(
      { agentId: agent.id, siteId: visitor.siteId, visitorId: visitor.id, conversationIds },
      'visitor erased',
    );
    await recordAudit(relay, agent, {
      action: 'visitor.erased',
      target: visitorTarget(visitor.id),
      siteIds: [visitor.siteId],
      changes: [`conversations: ${conversationIds.length}`],
    });
    const body: VisitorErasure = { visitorId: visitor.id, conversationIds };
    res.json(body);
  });

  router.all('/{*rest}', () => {
    throw new ParleyError('NOT_FOUND', 'No such route');
  });

  return router;
}
