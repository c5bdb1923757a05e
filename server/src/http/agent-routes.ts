/** Agent accounts: owners create them and set role, capacity and sites. */
import { randomUUID } from 'node:crypto';
import { ParleyError, type AgentList } from '@parley/shared';
import { agentCreateSchema, agentUpdateSchema } from '@parley/shared/schemas';
import { Router, type RequestHandler } from 'express';
import { hashPassword } from '../auth/passwords';
import { publicAgent } from '../auth/public-agent';
import type { Relay } from '../conversations/relay';
import type { AgentRecord } from '../storage/store';
import { param, parse } from './http-errors';
import { requireOwner, signedIn } from './require-agent';

/** An owner may only hand out sites they serve. */
function checkSites(owner: AgentRecord, siteIds: string[]): void {
  const foreign = siteIds.filter((id) => !owner.siteIds.includes(id));
  if (foreign.length > 0) throw new ParleyError('FORBIDDEN', `You do not serve site ${foreign[0]}`);
}

export function agentRoutes(deps: {
  relay: Relay;
  requireAgent: RequestHandler;
  onAgentChanged: (agent: AgentRecord) => Promise<void>;
}): Router {
  const { relay } = deps;
  const router = Router();
  router.use(deps.requireAgent);

  router.get('/', async (_req, res) => {
    const me = signedIn(res);
    const agents = (await relay.store.listAgents()).filter(
      (agent) =>
        agent.id === me.id ||
        agent.siteIds.some((id) => me.siteIds.includes(id)) ||
        (me.role === 'owner' && agent.siteIds.length === 0),
    );
    const list: AgentList = { items: agents.map(publicAgent) };
    res.json(list);
  });

  router.post('/', async (req, res) => {
    const owner = signedIn(res);
    requireOwner(owner);
    const body = parse(agentCreateSchema, req.body);
    checkSites(owner, body.siteIds);
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
    res.status(201).json(publicAgent(agent));
  });

  router.patch('/:id', async (req, res) => {
    const me = signedIn(res);
    const agent = await relay.store.getAgent(param(req, 'id'));
    if (!agent) throw new ParleyError('NOT_FOUND', 'No such agent');
    const body = parse(agentUpdateSchema, req.body);
    const isSelf = agent.id === me.id;
    const onlyOwnProfile =
      body.role === undefined && body.capacity === undefined && body.siteIds === undefined;
    if (!(isSelf && onlyOwnProfile)) {
      requireOwner(me);
      // An owner manages the people of their own sites, not another owner's team.
      const colleague =
        agent.siteIds.length === 0 || agent.siteIds.some((id) => me.siteIds.includes(id));
      if (!colleague)
        throw new ParleyError('FORBIDDEN', 'This agent works on sites you do not serve');
    }
    if (body.siteIds) checkSites(me, body.siteIds);
    if (isSelf && body.role === 'agent')
      throw new ParleyError('CONFLICT', 'You cannot demote yourself');
    // Only the fields sent change, atomically: a status change at the same moment is kept.
    const updated = await relay.store.patchAgent(agent.id, {
      name: body.name,
      role: body.role,
      capacity: body.capacity,
      siteIds: body.siteIds ? [...new Set(body.siteIds)] : undefined,
      passwordHash: body.password ? await hashPassword(body.password) : undefined,
    });
    await deps.onAgentChanged(updated);
    res.json(publicAgent(updated));
  });

  return router;
}
