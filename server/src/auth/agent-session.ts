/** Turns an agent token into the signed-in account: the one check REST and sockets share. */
import type { AgentRecord, Store } from '../storage/store';
import type { TokenService } from './tokens';

/**
 * The agent a token signs in, or null when the token is bad or expired, the account is gone, or
 * its tokens were revoked since (password changed, signed out, demoted, removed).
 */
export async function authenticateAgent(
  tokens: TokenService,
  store: Store,
  token: string,
): Promise<AgentRecord | null> {
  const claims = await tokens.verifyAgentToken(token);
  if (!claims) return null;
  const agent = await store.getAgent(claims.agentId);
  if (!agent || (agent.tokenVersion ?? 0) !== claims.version) return null;
  return agent;
}
