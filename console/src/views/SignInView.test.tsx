import { signal } from '@preact/signals';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { RequestError } from '../api/request-error';
import { createClock } from '../models/clock';
import { createConsoleApp, type ConsoleApp } from '../models/console-app';
import { createTokenStore } from '../models/token-store';
import {
  createFakeApi,
  createFakeBeeper,
  createFakeConnection,
  createFakeNotifier,
  createFakeUploads,
  createMemoryHistory,
  createMemoryStorage,
} from '../testing/fakes';
import { makeAgent, makeDetail, NOW } from '../testing/fixtures';
import { App } from './App';

const TOKEN_KEY = 'parley.console.token';
let app: ConsoleApp | null = null;

afterEach(() => {
  cleanup();
  app?.dispose();
  app = null;
});

function setup(
  options: { stored?: string; api?: Parameters<typeof createFakeApi>[0]; path?: string } = {},
) {
  const storage = createMemoryStorage(options.stored ? { [TOKEN_KEY]: options.stored } : {});
  const api = createFakeApi(options.api);
  const socket = createFakeConnection();
  const connect = vi.fn(() => socket.connection);
  const address = createMemoryHistory(options.path);
  app = createConsoleApp({
    api,
    upload: createFakeUploads().upload,
    tokens: createTokenStore(storage),
    connect,
    notifier: createFakeNotifier(),
    beeper: createFakeBeeper(),
    clock: createClock(() => NOW),
    focused: signal(true),
    history: address.history,
    base: '/console/',
    saveFile: vi.fn(),
  });
  render(<App app={app} />);
  return { app, api, storage, connect, socket, address };
}

function signIn(email: string, password: string): void {
  fireEvent.input(screen.getByRole('textbox', { name: 'Email' }), { target: { value: email } });
  fireEvent.input(screen.getByLabelText('Password'), { target: { value: password } });
  fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('sign-in', () => {
  test('signing in with email and password opens the inbox and keeps the token', async () => {
    const { api, storage, connect } = setup({
      api: { login: vi.fn(async () => ({ token: 'tok-9', agent: makeAgent({ name: 'Ana' }) })) },
    });
    signIn('ana@shop.example', 'correct horse');
    expect(await screen.findByRole('tab', { name: 'Queue' })).toBeTruthy();
    expect(api.login).toHaveBeenCalledWith({
      email: 'ana@shop.example',
      password: 'correct horse',
    });
    expect(storage.data.get(TOKEN_KEY)).toBe('tok-9');
    expect(connect).toHaveBeenCalledWith('tok-9');
  });

  test('a wrong password is explained and the agent stays on the sign-in page', async () => {
    setup({
      api: {
        login: vi.fn(async () => {
          throw new RequestError('INVALID_CREDENTIALS', 'Wrong email or password');
        }),
      },
    });
    signIn('ana@shop.example', 'nope');
    expect((await screen.findByRole('alert')).textContent).toContain(
      'That email and password do not match an account.',
    );
    expect(screen.queryByRole('tab', { name: 'Queue' })).toBeNull();
  });

  test('too many attempts are explained', async () => {
    setup({
      api: {
        login: vi.fn(async () => {
          throw new RequestError('RATE_LIMITED', 'slow down');
        }),
      },
    });
    signIn('ana@shop.example', 'x');
    expect((await screen.findByRole('alert')).textContent).toContain('Too many attempts');
  });

  test('a stored token keeps the agent signed in after a reload', async () => {
    const { app, api } = setup({ stored: 'kept' });
    void app.session.restore();
    expect(await screen.findByRole('tab', { name: 'Mine' })).toBeTruthy();
    expect(api.me).toHaveBeenCalled();
    expect(api.login).not.toHaveBeenCalled();
  });

  test('an expired stored token leads to the sign-in page with a notice', async () => {
    const { app, storage } = setup({
      stored: 'old',
      api: {
        me: vi.fn(async () => {
          throw new RequestError('UNAUTHENTICATED', 'Sign in again');
        }),
      },
    });
    void app.session.restore();
    expect(await screen.findByText('Your session has expired. Please sign in again.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeTruthy();
    expect(storage.data.has(TOKEN_KEY)).toBe(false);
  });

  test('signing out forgets the token, closes the live connection and returns to sign-in', async () => {
    const { app, storage, socket } = setup({ stored: 'kept' });
    void app.session.restore();
    fireEvent.click(await screen.findByRole('button', { name: 'Sign out' }));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Sign in' })).toBeTruthy());
    expect(storage.data.has(TOKEN_KEY)).toBe(false);
    expect(socket.connection.close).toHaveBeenCalled();
  });

  test('the socket refusing the token signs the agent out', async () => {
    const { app, socket } = setup({ stored: 'kept' });
    void app.session.restore();
    await screen.findByRole('tab', { name: 'Queue' });
    socket.setState('unauthorized');
    expect(await screen.findByRole('button', { name: 'Sign in' })).toBeTruthy();
  });

  test('opening the console at a conversation’s address opens it after sign-in', async () => {
    const { api, address } = setup({
      path: '/console/conversations/conv-1',
      api: { getConversation: vi.fn(async () => makeDetail()) },
    });
    signIn('ana@shop.example', 'correct horse');
    expect(await screen.findByRole('log', { name: 'Messages' })).toBeTruthy();
    expect(api.getConversation).toHaveBeenCalledWith('conv-1');
    expect(address.history.path()).toBe('/console/conversations/conv-1');
  });

  test('signing out leaves the open conversation’s address', async () => {
    const { app, address } = setup({
      stored: 'kept',
      path: '/console/conversations/conv-1',
      api: { getConversation: vi.fn(async () => makeDetail()) },
    });
    void app.session.restore();
    fireEvent.click(await screen.findByRole('button', { name: 'Sign out' }));
    await screen.findByRole('button', { name: 'Sign in' });
    expect(address.history.path()).toBe('/console/');
  });
});
