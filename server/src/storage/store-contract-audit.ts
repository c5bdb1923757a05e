/** Contract cases for the audit log: entries kept as written, listed newest first, by site. */
import type { AuditEntry } from '@parley/shared';
import { expect, it } from 'vitest';
import type { ContractContext } from './store-contract-context';
import { at } from './store-contract-fixtures';

let sequence = 0;
function entry(overrides: Partial<AuditEntry>): AuditEntry {
  sequence += 1;
  return {
    id: `audit_${sequence}_${Math.random().toString(36).slice(2)}`,
    at: at(sequence),
    actorId: 'agent_owner',
    actorName: 'Ana Kowalska',
    action: 'agent.updated',
    target: { kind: 'agent', id: 'agent_minh', label: 'Minh Nguyễn' },
    siteIds: ['site_a'],
    changes: ['role: owner'],
    ...overrides,
  };
}

/** Registers the cases; call inside a `describe`. */
export function auditContract(ctx: ContractContext): void {
  it('lists the entries of the caller’s sites and their own, newest first, and keeps them', async () => {
    const store = ctx.store();
    const onA = entry({ siteIds: ['site_a'] });
    const onB = entry({ siteIds: ['site_b'], actorId: 'agent_other', action: 'site.updated' });
    const onBoth = entry({ siteIds: ['site_a', 'site_b'], action: 'agent.removed' });
    const ownNoSite = entry({ siteIds: [], actorId: 'agent_self', action: 'agent.created' });
    // The same moment twice: the one written later is still listed first.
    const sameTime = entry({ siteIds: ['site_a'], at: onBoth.at, action: 'visitor.erased' });
    for (const written of [onA, onB, onBoth, ownNoSite, sameTime])
      await store.appendAuditEntry(written);

    const reopened = await ctx.reopen();
    const ofA = await reopened.listAuditEntries({
      siteIds: ['site_a'],
      actorId: 'agent_nobody',
      limit: 10,
      offset: 0,
    });
    expect(ofA).toEqual({ items: [sameTime, onBoth, onA], total: 3 });

    const ofBAndSelf = await reopened.listAuditEntries({
      siteIds: ['site_b'],
      actorId: 'agent_self',
      limit: 10,
      offset: 0,
    });
    expect(ofBAndSelf.items.map((e) => e.id)).toEqual([ownNoSite.id, onBoth.id, onB.id]);

    const secondPage = await reopened.listAuditEntries({
      siteIds: ['site_a', 'site_b'],
      actorId: 'agent_nobody',
      limit: 2,
      offset: 2,
    });
    expect(secondPage).toEqual({ items: [onB, onA], total: 4 });
    const pastTheEnd = await reopened.listAuditEntries({
      siteIds: ['site_a'],
      actorId: 'agent_nobody',
      limit: 2,
      offset: 10,
    });
    expect(pastTheEnd).toEqual({ items: [], total: 3 });
  });
}
