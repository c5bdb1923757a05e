import { signal } from '@preact/signals';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { makeAgent } from '../testing/fixtures';
import type { SessionState } from './session';
import { createSessionRenewal } from './session-renewal';
import type { TokenStore } from './token-store';

function memoryTokens(initial: string | null): TokenStore {
  let token = initial;
  return {
    get: () => token,
    set: (next) => {
      token = next;
    },
    clear: () => {
      token = null;
    },
  };
}

describe('session renewal', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  test('a signed-in console swaps its token for a fresh one every interval, and stops on sign-out', async () => {
    const agent = makeAgent();
    const state = signal<SessionState>({ status: 'signed-in', token: 'first', agent });
    const tokens = memoryTokens('first');
    const refresh = vi.fn(async () => ({ token: `renewed-${refresh.mock.calls.length}`, agent }));
    const stop = createSessionRenewal({
      api: { refresh },
      tokens,
      session: { state },
      everyMs: 1000,
    });

    await vi.advanceTimersByTimeAsync(999);
    expect(refresh).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(tokens.get()).toBe('renewed-1');

    state.value = { status: 'signed-out' };
    await vi.advanceTimersByTimeAsync(5000);
    expect(refresh).toHaveBeenCalledTimes(1);
    stop();
  });

  test('a failed renewal keeps the token and tries again at the next tick', async () => {
    const agent = makeAgent();
    const state = signal<SessionState>({ status: 'signed-in', token: 'first', agent });
    const tokens = memoryTokens('first');
    const refresh = vi
      .fn<() => Promise<{ token: string; agent: typeof agent }>>()
      .mockRejectedValueOnce(new Error('offline'))
      .mockResolvedValueOnce({ token: 'second', agent });
    const stop = createSessionRenewal({
      api: { refresh },
      tokens,
      session: { state },
      everyMs: 1000,
    });
    await vi.advanceTimersByTimeAsync(1000);
    expect(tokens.get()).toBe('first');
    await vi.advanceTimersByTimeAsync(1000);
    expect(tokens.get()).toBe('second');
    stop();
  });
});
