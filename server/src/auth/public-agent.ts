import type { Agent } from '@parley/shared';
import type { AgentRecord } from '../storage/store';

/** Strips the password hash and token version off an agent record: the only form that leaves the server. */
export function publicAgent({
  passwordHash: _hash,
  tokenVersion: _version,
  ...agent
}: AgentRecord): Agent {
  return agent;
}
