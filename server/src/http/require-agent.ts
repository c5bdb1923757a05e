/** Bearer-token authentication for the agent REST API. */
import { ParleyError } from '@parley/shared';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { authenticateAgent } from '../auth/agent-session';
import type { TokenService } from '../auth/tokens';
import type { AgentRecord, Store } from '../storage/store';

/** The signed-in agent of a request that passed `requireAgent`. */
export function signedIn(res: Response): AgentRecord {
  return res.locals['agent'] as AgentRecord;
}

/**
 * Rejects requests without a valid `Authorization: Bearer <token>` with 401; the token's
 * version is checked against the store on every request, so revocation takes effect at once.
 */
export function requireAgent(tokens: TokenService, store: Store): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    const header = req.get('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const agent = match?.[1] ? await authenticateAgent(tokens, store, match[1]) : null;
    if (!agent)
      return next(
        new ParleyError('UNAUTHENTICATED', 'Sign in and send Authorization: Bearer <token>'),
      );
    res.locals['agent'] = agent;
    next();
  };
}

/** Throws FORBIDDEN unless the agent is an owner. */
export function requireOwner(agent: AgentRecord): void {
  if (agent.role !== 'owner') throw new ParleyError('FORBIDDEN', 'Only owners can do this');
}

/** Throws FORBIDDEN unless the agent serves the site. */
export function requireServes(agent: AgentRecord, siteId: string): void {
  if (!agent.siteIds.includes(siteId))
    throw new ParleyError('FORBIDDEN', 'You do not serve this site');
}
