/** POST /api/auth/login, /refresh and /logout, and GET /api/auth/me. */
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
  /** Closes the open consoles of an agent whose tokens were just revoked. */
  onTokensRevoked: (agentId: string) => Promise<void>;
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
