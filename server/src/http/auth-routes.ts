/** POST /api/auth/login, /refresh and /logout, and GET /api/auth/me. */
import { ParleyError, type LoginResponse, type MeResponse } from '@parley/shared';
import { loginSchema } from '@parley/shared/schemas';
import { Router, type RequestHandler } from 'express';
import { verifyPassword } from '../auth/passwords';
import type { TokenService } from '../auth/tokens';
import { publicAgent } from '../auth/public-agent';
import type { RateLimiters } from '../rate-limits/rate-limiters';
import { takePoint } from '../rate-limits/take-point';
import type { Store } from '../storage/store';
import { parse } from './http-errors';
import { signedIn } from './require-agent';

export function authRoutes(deps: {
  store: Store;
  tokens: TokenService;
  requireAgent: RequestHandler;
  /** Closes the open consoles of an agent whose tokens were just revoked. */
  onTokensRevoked: (agentId: string) => Promise<void>;
  /** Per app, so that apps sharing a process (tests) do not share counts. */
  limiters: Pick<RateLimiters, 'signInPerAddress' | 'signInPerAccount'>;
}): Router {
  const { signInPerAddress, signInPerAccount } = deps.limiters;
  const router = Router();

  router.post('/login', async (req, res) => {
    const body = parse(loginSchema, req.body);
    const refusal = 'Too many sign-in attempts; wait a minute';
    await takePoint(signInPerAddress, req.ip ?? 'unknown', refusal);
    await takePoint(signInPerAccount, body.email, refusal);
    const agent = await deps.store.getAgentByEmail(body.email);
    const valid = agent ? await verifyPassword(agent.passwordHash, body.password) : false;
    if (!agent || !valid) throw new ParleyError('INVALID_CREDENTIALS', 'Wrong email or password');
    // Only failures count against the account.
    await signInPerAccount.delete(body.email);
    const response: LoginResponse = {
      token: await deps.tokens.issueAgentToken(agent),
      agent: publicAgent(agent),
    };
    res.json(response);
  });

  router.get('/me', deps.requireAgent, (_req, res) => {
    const me: MeResponse = { agent: publicAgent(signedIn(res)) };
    res.json(me);
  });

  // A token that still works gets a fresh one: the console renews its short session while in use.
  router.post('/refresh', deps.requireAgent, async (_req, res) => {
    const agent = signedIn(res);
    const response: LoginResponse = {
      token: await deps.tokens.issueAgentToken(agent),
      agent: publicAgent(agent),
    };
    res.json(response);
  });

  // Tokens carry no session id, so signing out ends every session of the agent (all devices).
  router.post('/logout', deps.requireAgent, async (_req, res) => {
    const agent = signedIn(res);
    await deps.store.patchAgent(agent.id, { revokeTokens: true });
    await deps.onTokensRevoked(agent.id);
    res.status(204).end();
  });

  return router;
}
