import { describe, expect, test, vi } from 'vitest';
import { RequestError } from '../api/request-error';
import { createMemoryStorage, createTokenStore } from '../testing/fakes';
import { makeAgent } from '../testing/fixtures';
import { createSession } from './session';

function setup(logout: () => Promise<void>) {
  const tokens = createTokenStore(createMemoryStorage());
  const agent = makeAgent();
  const api = {
    login: vi.fn(async () => ({ token: 'token-1', agent })),
    me: vi.fn(async () => ({ agent })),
    logout: vi.fn(logout),
  };
  return { session: createSession({ api, tokens }), tokens, api };
}

describe('signing out', () => {
  test('ends the token on the relay while it is still sent, and forgets it here', async () => {
    let sentWith: string | null = 'not called';
    const { session, tokens, api } = setup(async () => {
      sentWith = tokens.get();
    });
    await session.signIn('ana@example.com', 'password 123');
    expect(session.state.value.status).toBe('signed-in');

    session.signOut();

    expect(api.logout).toHaveBeenCalledTimes(1);
    expect(sentWith).toBe('token-1');
    expect(tokens.get()).toBeNull();
    expect(session.state.value.status).toBe('signed-out');
  });

  test('signs out here even when the relay cannot be reached', async () => {
    const { session, tokens } = setup(async () => {
      throw new RequestError('NETWORK', 'The server cannot be reached.');
    });
    await session.signIn('ana@example.com', 'password 123');
    session.signOut();
    await Promise.resolve();
    expect(tokens.get()).toBeNull();
    expect(session.state.value.status).toBe('signed-out');
  });

  test('asks nothing of the relay when nobody is signed in', () => {
    const { session, api } = setup(async () => {});
    session.signOut();
    expect(api.logout).not.toHaveBeenCalled();
  });
});
