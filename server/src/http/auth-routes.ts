/** POST /api/auth/login and GET /api/auth/me. */
import { ParleyError, type LoginResponse, type MeResponse } from '@parley/shared';
import { loginSchema } from '@parley/shared/schemas';
import { Router, type RequestHandler } from 'express';
import { prepareDummyHash, verifyAgainstDummy, verifyPassword } from '../auth/passwords';
import type { TokenService } from '../auth/tokens';
import { publicAgent } from '../auth/public-agent';
import type { SignInGuard } from '../rate-limits/sign-in-guard';
import type { Store } from '../storage/store';
import { parse } from './http-errors';
import { signedIn } from './require-agent';

export function authRoutes(deps: {
  store: Store;
  tokens: TokenService;
  requireAgent: RequestHandler;
  /** Per app, so that apps sharing a process (tests) do not share counts. */
  signInGuard: SignInGuard;
}): Router {
  prepareDummyHash();
  const router = Router();

  router.post('/login', async (req, res) => {
    const body = parse(loginSchema, req.body);
    // req.ip honours TRUST_PROXY: the address the trusted proxies saw, else the socket's peer.
    const address = req.ip ?? 'unknown';
    const agent = await deps.signInGuard.attempt(body.email, address, async () => {
      const found = await deps.store.getAgentByEmail(body.email);
      // An unknown email costs one hash verification too, so timing does not tell it apart.
      const valid = found
        ? await verifyPassword(found.passwordHash, body.password)
        : await verifyAgainstDummy(body.password);
      return found && valid ? found : null;
    });
    if (!agent) throw new ParleyError('INVALID_CREDENTIALS', 'Wrong email or password');
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
