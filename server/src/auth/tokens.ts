/**
 * Signed tokens: agents get a short session token at login that the console renews while in
 * use, visitors a long-lived token the widget keeps in localStorage. Both are HS256 JWTs signed
 * with one key kept in the store, so every relay process sharing a store accepts them. An agent
 * token carries the agent's token version: bumping it in the store ends every earlier session.
 */
import { randomBytes } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';
import type { AgentRecord, Store } from '../storage/store';

/** Short, so a stolen token is worth little; the console renews well before it runs out. */
export const AGENT_SESSION_SECONDS = 12 * 60 * 60;
const VISITOR_SESSION_SECONDS = 400 * 24 * 60 * 60;

/** What a valid agent token says. */
export interface AgentTokenClaims {
  agentId: string;
  /** The agent's `tokenVersion` when it was issued; a different stored version revokes it. */
  version: number;
  /** Epoch ms. */
  expiresAt: number;
}

/** Options for tests: a movable clock and a shorter agent session. */
export interface TokenOptions {
  now?: () => number;
  agentSessionSeconds?: number;
}

/** Issues and verifies agent and visitor tokens. */
export interface TokenService {
  issueAgentToken(agent: Pick<AgentRecord, 'id' | 'tokenVersion'>): Promise<string>;
  /** What the token says, or null for a bad or expired token (revocation is checked by the caller). */
  verifyAgentToken(token: string): Promise<AgentTokenClaims | null>;
  issueVisitorToken(visitorId: string, siteId: string): Promise<string>;
  /** The visitor id when the token is valid for `siteId`, else null. */
  verifyVisitorToken(token: string, siteId: string): Promise<string | null>;
}

/** Loads (or on first start creates) the signing key and returns the token service. */
export async function createTokenService(
  store: Store,
  options: TokenOptions = {},
): Promise<TokenService> {
  const now = options.now ?? Date.now;
  const agentSession = options.agentSessionSeconds ?? AGENT_SESSION_SECONDS;
  // Exclusive across relays: two nodes starting on an empty database must not sign with two keys.
  const secret = await store.runExclusive('token-signing-key', async () => {
    const stored = await store.getSetting('tokenSigningKey');
    if (stored) return stored;
    const created = randomBytes(32).toString('base64url');
    await store.setSetting('tokenSigningKey', created);
    return created;
  });
  const key = new TextEncoder().encode(secret);

  const sign = (
    claims: Record<string, string | number>,
    subject: string,
    audience: string,
    ttlSeconds: number,
  ) => {
    const issuedAt = Math.floor(now() / 1000);
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(subject)
      .setAudience(audience)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + ttlSeconds)
      .sign(key);
  };

  const check = async (token: string, audience: string) => {
    try {
      const { payload } = await jwtVerify(token, key, {
        audience,
        algorithms: ['HS256'],
        currentDate: new Date(now()),
      });
      return payload;
    } catch {
      return null;
    }
  };

  return {
    issueAgentToken: (agent) =>
      sign({ ver: agent.tokenVersion ?? 0 }, agent.id, 'agent', agentSession),
    async verifyAgentToken(token) {
      const payload = await check(token, 'agent');
      if (!payload?.sub || payload.exp === undefined) return null;
      // Tokens from before versions existed carry none: version 0, like their agents' records.
      const version = typeof payload['ver'] === 'number' ? payload['ver'] : 0;
      return { agentId: payload.sub, version, expiresAt: payload.exp * 1000 };
    },
    issueVisitorToken: (visitorId, siteId) =>
      sign({ site: siteId }, visitorId, 'visitor', VISITOR_SESSION_SECONDS),
    async verifyVisitorToken(token, siteId) {
      const payload = await check(token, 'visitor');
      return payload && payload['site'] === siteId ? (payload.sub ?? null) : null;
    },
  };
}
