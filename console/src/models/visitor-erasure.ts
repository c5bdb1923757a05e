import { signal } from '@preact/signals';
import type { ApiClient } from '../api/api-client';
import { asRequestError, type RequestError } from '../api/request-error';

/** Erasing a visitor (owners): the request, its failure, and what follows a success. */
export function createVisitorErasure(deps: {
  api: Pick<ApiClient, 'eraseVisitor'>;
  onErased: (visitorId: string) => void;
}) {
  /** The visitor being erased, if any. */
  const pending = signal<string | null>(null);
  const error = signal<RequestError | null>(null);

  /** Erases `visitorId`; true once the relay has deleted them. */
  async function erase(visitorId: string): Promise<boolean> {
    if (pending.value) return false;
    pending.value = visitorId;
    error.value = null;
    try {
      await deps.api.eraseVisitor(visitorId);
      deps.onErased(visitorId);
      return true;
    } catch (caught) {
      error.value = asRequestError(caught);
      return false;
    } finally {
      pending.value = null;
    }
  }

  function dismiss(): void {
    error.value = null;
  }

  return { pending, error, erase, dismiss };
}

export type VisitorErasureModel = ReturnType<typeof createVisitorErasure>;
