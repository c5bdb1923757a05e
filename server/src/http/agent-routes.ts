/**
 * Agent accounts: owners create them, set role, capacity and sites, and remove them; who may do
 * what to whom is decided in auth/account-rules.ts.
 */
import { randomUUID } from 'node:crypto';
import { ParleyError, type AgentList } from '@parley/shared';
import { agentCreateSchema, agentUpdateSchema } from '@parley/shared/schemas';
import { Router, type RequestHandler } from 'express';
import { hashPassword } from '../auth/passwords';
import {
  agentAsSeenBy,
  assertMayChange,
  assertMayCreate,
  assertMayRemove,
  listableBy,
} from '../auth/account-rules';
import { publicAgent } from '../auth/public-agent';
import { agentChanges, agentTarget, recordAudit } from '../audit/audit-trail';
import type { Relay } from '../conversations/relay';
import type { AgentRecord } from '../storage/store';
import { param, parse } from './http-errors';
import { signedIn } from './require-agent';

export function agentRoutes(deps: {
  relay: Relay;
  requireAgent: RequestHandler;
  /** `previousSiteIds`: the sites before the change, whose colleagues may have to be told. */
  onAgentChanged: (agent: AgentRecord, previousSiteIds?: string[]) => Promise<void>;
  /** Ends every session of an agent whose tokens were just revoked: their open consoles close. */
  onTokensRevoked: (agentId: string) => Promise<void>;
}): Router {
  const { relay } = deps;
  const router = Router();
  router.use(deps.requireAgent);

  router.get('/', async (_req, res) => {
    const me = signedIn(res);
    const agents = (await relay.store.listAgents()).filter((agent) => listableBy(me, agent));
    const list: AgentList = { items: agents.map((agent) => agentAsSeenBy(me, agent)) };
    res.json(list);
  });

  router.post('/', async (req, res) => {
    const owner = signedIn(res);
    const body = parse(agentCreateSchema, req.body);
    assertMayCreate(owner, body.siteIds);
    const agent = await relay.store.createAgent({
      id: randomUUID(),
      email: body.email,
      name: body.name,
      role: body.role,
      status: 'offline',
      capacity: body.capacity,
      siteIds: [...new Set(body.siteIds)],
      passwordHash: await hashPassword(body.password),
      createdAt: relay.conversations.timestamp(),
    });
    await deps.onAgentChanged(agent);
    await recordAudit(relay, owner, {
      action: 'agent.created',
      target: agentTarget(agent),
      siteIds: agent.siteIds,
      changes: [`role: ${agent.role}`, `capacity: ${agent.capacity}`],
    });
    res.status(201).json(publicAgent(agent));
  });

  router.patch('/:id', async (req, res) => {
    const me = signedIn(res);
    const agent = await relay.store.getAgent(param(req, 'id'));
    if (!agent) throw new ParleyError('NOT_FOUND', 'No such agent');
    const body = parse(agentUpdateSchema, req.body);
    const isSelf = agent.id === me.id;
    assertMayChange(me, agent, {
      assignment:
        body.role !== undefined || body.capacity !== undefined || body.siteIds !== undefined,
      siteIds: body.siteIds,
    });
    if (isSelf && body.role === 'agent')
      throw new ParleyError('CONFLICT', 'You cannot demote yourself');
    // A new password or lost owner rights must not leave old sessions holding the old access.
    const revokeTokens =
      body.password !== undefined || (agent.role === 'owner' && body.role === 'agent');
    // Only the fields sent change, atomically: a status change at the same moment is kept.
    const updated = await relay.store.patchAgent(agent.id, {
      name: body.name,
      role: body.role,
      capacity: body.capacity,
      siteIds: body.siteIds ? [...new Set(body.siteIds)] : undefined,
      passwordHash: body.password ? await hashPassword(body.password) : undefined,
      digestEmails: body.digestEmails,
      revokeTokens,
    });
    if (revokeTokens) await deps.onTokensRevoked(updated.id);
    await deps.onAgentChanged(updated, agent.siteIds);
    const changes = agentChanges(agent, body);
    if (changes.length > 0) {
      await recordAudit(relay, me, {
        action: 'agent.updated',
        target: agentTarget(updated),
        // Owners of the sites the account left are told too.
        siteIds: [...agent.siteIds, ...updated.siteIds],
        changes,
      });
    }
    res.json(agentAsSeenBy(me, updated));
  });

  router.delete('/:id', async (req, res) => {
    const me = signedIn(res);
    const agent = await relay.store.getAgent(param(req, 'id'));
    if (!agent) throw new ParleyError('NOT_FOUND', 'No such agent');
    assertMayRemove(me, agent);
    await relay.conversations.removeAgent(agent.id, deps.onTokensRevoked);
    await recordAudit(relay, me, {
      action: 'agent.removed',
      target: agentTarget(agent),
      siteIds: agent.siteIds,
    });
    res.status(204).end();
  });

  return router;
}
