import { effect } from '@preact/signals';
import type { ApiClient } from '../api/api-client';
import type { Session } from './session';
import type { TokenStore } from './token-store';

/** Agent tokens last 12 hours; renewing every hour leaves room for a laptop that slept a while. */
export const RENEW_EVERY_MS = 60 * 60 * 1000;

/**
 * Keeps a signed-in session's short-lived token fresh while the console is open: every
 * `everyMs` the token is exchanged for a new one (POST /api/auth/refresh). REST calls and socket
 * reconnects read the token from `tokens`, so the new one is used at once; the open socket stays.
 */
export function createSessionRenewal(deps: {
  api: Pick<ApiClient, 'refresh'>;
  tokens: TokenStore;
  session: Pick<Session, 'state'>;
  everyMs?: number;
}): () => void {
  const everyMs = deps.everyMs ?? RENEW_EVERY_MS;
  async function renew(): Promise<void> {
    try {
      const { token } = await deps.api.refresh();
      if (deps.session.state.peek().status === 'signed-in') deps.tokens.set(token);
    } catch {
      // A refused token already ended the session (the API client reports UNAUTHENTICATED);
      // anything else (offline, relay restarting) is tried again at the next tick.
    }
  }
  return effect(() => {
    if (deps.session.state.value.status !== 'signed-in') return;
    const timer = setInterval(() => void renew(), everyMs);
    return () => clearInterval(timer);
  });
}
