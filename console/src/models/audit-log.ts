import { signal } from '@preact/signals';
import type { AuditEntry } from '@parley/shared';
import type { ApiClient } from '../api/api-client';
import type { RequestError } from '../api/request-error';
import { trackedRequest } from './tracked-request';

/** Entries per page of the audit log. */
export const AUDIT_PAGE_SIZE = 50;

/** Owners' audit log: one page of entries at a time, newest first. */
export function createAuditLog(deps: { api: Pick<ApiClient, 'auditLog'> }) {
  const items = signal<AuditEntry[]>([]);
  const total = signal(0);
  const offset = signal(0);
  const loading = signal(false);
  const error = signal<RequestError | null>(null);

  async function load(at = 0): Promise<void> {
    await trackedRequest(loading, error, async () => {
      const page = await deps.api.auditLog({ limit: AUDIT_PAGE_SIZE, offset: at });
      items.value = page.items;
      total.value = page.total;
      offset.value = at;
    });
  }

  const hasNewer = () => offset.value > 0;
  const hasOlder = () => offset.value + items.value.length < total.value;
  const newer = () => load(Math.max(0, offset.value - AUDIT_PAGE_SIZE));
  const older = () => load(offset.value + AUDIT_PAGE_SIZE);

  return { items, total, offset, loading, error, load, hasNewer, hasOlder, newer, older };
}

export type AuditLogModel = ReturnType<typeof createAuditLog>;
