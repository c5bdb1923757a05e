/**
 * Who may see and change which account: the one place tenants are sealed. Sites are the tenants;
 * an owner of one network of sites must never reach an account that also works elsewhere, or
 * they could take it over (new password, sign in) and read the other tenant's conversations.
 */
import { ParleyError, type Agent } from '@parley/shared';
import type { AgentRecord } from '../storage/store';
import { publicAgent } from './public-agent';

/** What a change of an account touches. */
export interface AccountChange {
  /** Role, capacity or sites: never one's own to decide alone. */
  assignment: boolean;
  /** The sites the account is given (checked against what the actor may hand out). */
  siteIds?: string[];
}

/**
 * True when `actor` is an owner of every site `target` serves. An account serving no site yet
 * (a new hire not yet placed) may be managed by any owner.
 */
export function managesAccount(actor: AgentRecord, target: AgentRecord): boolean {
  return actor.role === 'owner' && target.siteIds.every((id) => actor.siteIds.includes(id));
}

/** Throws FORBIDDEN unless `actor` serves every site in `siteIds`: owners hand out only their own. */
export function assertMayHandOut(actor: AgentRecord, siteIds: string[]): void {
  const foreign = siteIds.filter((id) => !actor.siteIds.includes(id));
  if (foreign.length > 0) throw new ParleyError('FORBIDDEN', `You do not serve site ${foreign[0]}`);
}

/** Throws FORBIDDEN unless `actor` may create an account with these sites. */
export function assertMayCreate(actor: AgentRecord, siteIds: string[]): void {
  if (actor.role !== 'owner') throw new ParleyError('FORBIDDEN', 'Only owners can do this');
  assertMayHandOut(actor, siteIds);
}

/**
 * Throws unless `actor` may make `change` to `target`: anyone may change their own name and
 * password; everything else, and anything on another account, needs an owner of all its sites.
 */
export function assertMayChange(
  actor: AgentRecord,
  target: AgentRecord,
  change: AccountChange,
): void {
  const isSelf = actor.id === target.id;
  if (!(isSelf && !change.assignment)) {
    if (actor.role !== 'owner') throw new ParleyError('FORBIDDEN', 'Only owners can do this');
    if (!managesAccount(actor, target))
      throw new ParleyError('FORBIDDEN', 'This agent works on sites you do not own');
  }
  if (change.siteIds) assertMayHandOut(actor, change.siteIds);
}

/** Throws unless `actor` may remove `target`: an owner of all its sites, and never oneself. */
export function assertMayRemove(actor: AgentRecord, target: AgentRecord): void {
  if (actor.role !== 'owner') throw new ParleyError('FORBIDDEN', 'Only owners can do this');
  if (!managesAccount(actor, target))
    throw new ParleyError('FORBIDDEN', 'This agent works on sites you do not own');
  if (actor.id === target.id) throw new ParleyError('CONFLICT', 'You cannot remove yourself');
}

/**
 * `agent` as `viewer` may see it: their own account in full; anyone else with only the sites
 * both serve, so sharing one site never reveals which other tenants a colleague works for.
 */
export function agentAsSeenBy(viewer: AgentRecord, agent: AgentRecord): Agent {
  const shown = publicAgent(agent);
  if (viewer.id === agent.id) return shown;
  return { ...shown, siteIds: agent.siteIds.filter((id) => viewer.siteIds.includes(id)) };
}

/** True when the two accounts serve at least one site in common. */
export function sharesASite(viewer: AgentRecord, agent: AgentRecord): boolean {
  return agent.siteIds.some((id) => viewer.siteIds.includes(id));
}

/**
 * The accounts `viewer` may list: themselves, everyone sharing a site with them, and for an
 * owner the accounts serving no site yet (to place them).
 */
export function listableBy(viewer: AgentRecord, agent: AgentRecord): boolean {
  return (
    agent.id === viewer.id ||
    sharesASite(viewer, agent) ||
    (viewer.role === 'owner' && agent.siteIds.length === 0)
  );
}
