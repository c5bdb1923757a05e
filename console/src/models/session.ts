import { signal } from '@preact/signals';
import type { Agent } from '@parley/shared';
import type { ApiClient } from '../api/api-client';
import { asRequestError, type RequestError } from '../api/request-error';
import type { TokenStore } from './token-store';

/** Where the console is: checking a stored token, on the sign-in page, or signed in. */
export type SessionState =
  | { status: 'restoring' }
  | { status: 'signed-out' }
  | { status: 'signed-in'; token: string; agent: Agent };

/** Why the agent is looking at the sign-in page, when it was not their choice. */
export type SignOutReason = 'expired' | null;

/** Sign-in, the token across reloads, and sign-out. */
export function createSession(deps: {
  api: Pick<ApiClient, 'login' | 'me' | 'logout'>;
  tokens: TokenStore;
}) {
  const { api, tokens } = deps;
  const state = signal<SessionState>(
    tokens.get() ? { status: 'restoring' } : { status: 'signed-out' },
  );
  const pending = signal(false);
  const error = signal<RequestError | null>(null);
  const reason = signal<SignOutReason>(null);

  /** Checks a token kept from an earlier visit; called once at start. */
  async function restore(): Promise<void> {
    const token = tokens.get();
    if (!token) {
      state.value = { status: 'signed-out' };
      return;
    }
    try {
      const { agent } = await api.me();
      state.value = { status: 'signed-in', token, agent };
    } catch (caught) {
      const failure = asRequestError(caught);
      if (failure.code === 'UNAUTHENTICATED') {
        tokens.clear();
        reason.value = 'expired';
      } else {
        // Keep the token: the relay may only be restarting, and signing in again also works.
        error.value = failure;
      }
      state.value = { status: 'signed-out' };
    }
  }

  async function signIn(email: string, password: string): Promise<void> {
    pending.value = true;
    error.value = null;
    try {
      const { token, agent } = await api.login({ email: email.trim(), password });
      tokens.set(token);
      reason.value = null;
      state.value = { status: 'signed-in', token, agent };
    } catch (caught) {
      error.value = asRequestError(caught);
    } finally {
      pending.value = false;
    }
  }

  function signOut(): void {
    // The relay ends the token too, so a copy left in this browser is worthless. The request reads
    // the token before it is cleared below; signing out here does not wait for, or need, an answer.
    if (state.value.status === 'signed-in') api.logout().catch(() => {});
    tokens.clear();
    reason.value = null;
    error.value = null;
    state.value = { status: 'signed-out' };
  }

  /** The relay no longer accepts the token (expired, or the account changed). */
  function expire(): void {
    if (state.value.status !== 'signed-in') return;
    tokens.clear();
    reason.value = 'expired';
    state.value = { status: 'signed-out' };
  }

  return { state, pending, error, reason, restore, signIn, signOut, expire };
}

export type Session = ReturnType<typeof createSession>;
