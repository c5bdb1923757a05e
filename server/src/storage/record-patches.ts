/** How partial updates of visitors and agents apply, the same in both stores. */
import type { Visitor } from '@parley/shared';
import type { AgentPatch, AgentRecord, VisitorPatch } from './store';

const VISITOR_KEYS = [
  'name',
  'email',
  'userId',
  'verified',
  'locale',
  'timeZone',
  'userAgent',
  'page',
  'lastSeenAt',
] as const satisfies readonly (keyof VisitorPatch)[];

const AGENT_KEYS = [
  'email',
  'name',
  'role',
  'status',
  'capacity',
  'siteIds',
  'passwordHash',
  'digestEmails',
] as const satisfies readonly (keyof AgentPatch)[];

/** The patch without unknown keys or `undefined` values. */
function pick<P extends object>(patch: P, keys: readonly (keyof P)[]): Partial<P> {
  const clean: Partial<P> = {};
  for (const key of keys) {
    if (patch[key] !== undefined) clean[key] = structuredClone(patch[key]);
  }
  return clean;
}

/** The visitor's plain fields of `patch` (everything but the merged `fields`). */
export function visitorScalars(patch: VisitorPatch): Partial<Visitor> {
  return pick(patch, VISITOR_KEYS) as Partial<Visitor>;
}

/** `visitor` with `patch` applied: `fields` merged key by key, everything else replaced. */
export function applyVisitorPatch(visitor: Visitor, patch: VisitorPatch): Visitor {
  return {
    ...visitor,
    ...visitorScalars(patch),
    fields: { ...visitor.fields, ...patch.fields },
  };
}

/** The agent patch's plain fields, without unknown keys, `undefined` values or `revokeTokens`. */
export function cleanAgentPatch(patch: AgentPatch): AgentPatch {
  return pick(patch, AGENT_KEYS);
}

/** `agent` with `patch` applied, `tokenVersion` bumped when the patch revokes tokens. */
export function applyAgentPatch(agent: AgentRecord, patch: AgentPatch): AgentRecord {
  const updated: AgentRecord = { ...agent, ...cleanAgentPatch(patch) };
  if (patch.revokeTokens) updated.tokenVersion = (agent.tokenVersion ?? 0) + 1;
  return updated;
}
