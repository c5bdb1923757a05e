/** POST /api/auth/login and GET /api/auth/me. */
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
      token: await deps.tokens.issueAgentToken(agent.id),
      agent: publicAgent(agent),
    };
    res.json(response);
  });

  router.get('/me', deps.requireAgent, (_req, res) => {
    const me: MeResponse = { agent: publicAgent(signedIn(res)) };
    res.json(me);
  });

  // Tokens are stateless; signing out is the console forgetting its token. The route exists so
  // clients have one call to make when a server-side session list arrives.
  router.post('/logout', deps.requireAgent, (_req, res) => {
    res.status(204).end();
  });

  return router;
}
