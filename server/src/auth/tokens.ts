/**
 * Signed tokens: agents get a session token at login, visitors a long-lived token the widget
 * keeps in localStorage. Both are HS256 JWTs signed with one key kept in the store, so every relay
 * process sharing a store accepts them.
 */
import { randomBytes } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';
import type { Store } from '../storage/store';

const AGENT_SESSION = '30d';
const VISITOR_SESSION = '400d';

/** Issues and verifies agent and visitor tokens. */
export interface TokenService {
  issueAgentToken(agentId: string): Promise<string>;
  /** The agent id, or null for a bad or expired token. */
  verifyAgentToken(token: string): Promise<string | null>;
  issueVisitorToken(visitorId: string, siteId: string): Promise<string>;
  /** The visitor id when the token is valid for `siteId`, else null. */
  verifyVisitorToken(token: string, siteId: string): Promise<string | null>;
}

/** Loads (or on first start creates) the signing key and returns the token service. */
export async function createTokenService(store: Store): Promise<TokenService> {
  // Exclusive across relays: two nodes starting on an empty database must not sign with two keys.
  const secret = await store.runExclusive('token-signing-key', async () => {
    const stored = await store.getSetting('tokenSigningKey');
    if (stored) return stored;
    const created = randomBytes(32).toString('base64url');
    await store.setSetting('tokenSigningKey', created);
    return created;
  });
  const key = new TextEncoder().encode(secret);

  const sign = (claims: Record<string, string>, subject: string, audience: string, ttl: string) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(subject)
      .setAudience(audience)
      .setIssuedAt()
      .setExpirationTime(ttl)
      .sign(key);

  const check = async (token: string, audience: string) => {
    try {
      const { payload } = await jwtVerify(token, key, { audience, algorithms: ['HS256'] });
      return payload;
    } catch {
      return null;
    }
  };

  return {
    issueAgentToken: (agentId) => sign({}, agentId, 'agent', AGENT_SESSION),
    async verifyAgentToken(token) {
      return (await check(token, 'agent'))?.sub ?? null;
    },
    issueVisitorToken: (visitorId, siteId) =>
      sign({ site: siteId }, visitorId, 'visitor', VISITOR_SESSION),
    async verifyVisitorToken(token, siteId) {
      const payload = await check(token, 'visitor');
      return payload && payload['site'] === siteId ? (payload.sub ?? null) : null;
    },
  };
}
