/**
 * Records owner-level actions in the store's audit log: who did what to what, and when. Values are
 * written only where they are neither secrets (passwords, identity secrets) nor visitors' data,
 * which an erasure must be able to remove everywhere.
 */
import { randomUUID } from 'node:crypto';
import type { AuditAction, AuditTarget } from '@parley/shared';
import type { AgentUpdate, SiteUpdate } from '@parley/shared/schemas';
import type { Relay } from '../conversations/relay';
import type { AgentRecord } from '../storage/store';

export interface AuditedAction {
  action: AuditAction;
  target: AuditTarget;
  siteIds: string[];
  changes?: string[];
}

/** Appends one entry for an action `actor` has just done. */
export async function recordAudit(
  relay: Relay,
  actor: AgentRecord,
  done: AuditedAction,
): Promise<void> {
  await relay.store.appendAuditEntry({
    id: randomUUID(),
    at: relay.conversations.timestamp(),
    actorId: actor.id,
    actorName: actor.name,
    action: done.action,
    target: done.target,
    siteIds: [...new Set(done.siteIds)],
    changes: done.changes ?? [],
  });
}

/** An agent account as an audit target. */
export function agentTarget(agent: AgentRecord): AuditTarget {
  return { kind: 'agent', id: agent.id, label: agent.name };
}

/** What an account change changed; the new password itself is never written. */
export function agentChanges(before: AgentRecord, body: AgentUpdate): string[] {
  const changes: string[] = [];
  if (body.name !== undefined && body.name !== before.name) changes.push(`name: ${body.name}`);
  if (body.password !== undefined) changes.push('password');
  if (body.role !== undefined && body.role !== before.role) changes.push(`role: ${body.role}`);
  if (body.capacity !== undefined && body.capacity !== before.capacity)
    changes.push(`capacity: ${body.capacity}`);
  if (body.siteIds !== undefined && !sameSet(body.siteIds, before.siteIds)) changes.push('sites');
  if (body.digestEmails !== undefined && body.digestEmails !== (before.digestEmails ?? false))
    changes.push(`digest emails: ${body.digestEmails ? 'on' : 'off'}`);
  return changes;
}

/** Which site settings a change touched, by name (texts such as greetings can be long). */
export function siteChanges(body: SiteUpdate): string[] {
  const changes: string[] = [];
  if (body.name !== undefined) changes.push(`name: ${body.name}`);
  if (body.allowedOrigins !== undefined) changes.push('allowed origins');
  for (const key of Object.keys(body.widget ?? {})) changes.push(`widget ${key}`);
  return changes;
}

function sameSet(a: string[], b: string[]): boolean {
  const left = new Set(a);
  const right = new Set(b);
  return left.size === right.size && [...left].every((value) => right.has(value));
}
