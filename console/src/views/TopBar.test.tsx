import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { RequestError } from '../api/request-error';
import { createTestWorkspace, type TestWorkspace } from '../testing/fakes';
import { makeAgent, makeSite } from '../testing/fixtures';
import { WorkspaceView } from './WorkspaceView';

let current: TestWorkspace | null = null;
afterEach(() => {
  cleanup();
  current?.workspace.dispose();
  current = null;
});

function setup(options: Parameters<typeof createTestWorkspace>[0] = {}) {
  current = createTestWorkspace(options);
  render(<WorkspaceView workspace={current.workspace} onSignOut={vi.fn()} />);
  return current;
}

describe('presence', () => {
  test('the Online switch sets the agent away and back online', async () => {
    const { socket } = setup({ agent: makeAgent({ status: 'online' }) });
    socket.respond('agent:status', ({ status }) => ({ agent: makeAgent({ status }) }));
    const toggle = screen.getByRole('switch', { name: 'Online' });
    expect(toggle.getAttribute('aria-checked')).toBe('true');
    fireEvent.click(toggle);
    expect(socket.sent('agent:status')).toEqual([{ status: 'away' }]);
    await waitFor(() => expect(toggle.getAttribute('aria-checked')).toBe('false'));
    fireEvent.click(toggle);
    await waitFor(() => expect(toggle.getAttribute('aria-checked')).toBe('true'));
    expect(socket.sent('agent:status')[1]).toEqual({ status: 'online' });
  });

  test('a status change the relay refuses is shown and the switch stays put', async () => {
    const { socket } = setup({ agent: makeAgent({ status: 'away' }) });
    socket.respond('agent:status', () => {
      throw new RequestError('INTERNAL', 'boom');
    });
    fireEvent.click(screen.getByRole('switch', { name: 'Online' }));
    expect((await screen.findByRole('alert')).textContent).toContain(
      'Something went wrong on the server',
    );
    expect(screen.getByRole('switch', { name: 'Online' }).getAttribute('aria-checked')).toBe(
      'false',
    );
  });

  test('the agent’s load is shown against their capacity', async () => {
    setup({
      agent: makeAgent({ capacity: 5 }),
      api: { counts: vi.fn(async () => ({ queue: 0, mine: 2, all: 2, offline: 0, closed: 0 })) },
    });
    expect(await screen.findByText('2 / 5 chats')).toBeTruthy();
  });

  test('a capacity change made by an owner shows at once', async () => {
    const { socket } = setup({ agent: makeAgent({ capacity: 5 }) });
    socket.announce('agent:updated', { agent: makeAgent({ capacity: 8 }) });
    expect(await screen.findByText('0 / 8 chats')).toBeTruthy();
  });

  test('on connecting, the console says hello and learns its sites and colleagues', async () => {
    const { socket, workspace } = setup();
    socket.respond('agent:hello', () => ({
      agent: makeAgent(),
      sites: [makeSite()],
      agents: [makeAgent(), makeAgent({ id: 'agent-2', name: 'Ben' })],
    }));
    socket.setState('connected');
    await waitFor(() => expect(workspace.directory.agents.value).toHaveLength(2));
    expect(workspace.directory.sites.value[0]?.name).toBe('Shoe Shop');
  });

  test('a lost connection is shown until it comes back', async () => {
    const { socket } = setup();
    socket.setState('connected');
    await waitFor(() => expect(screen.queryByText('Reconnecting…')).toBeNull());
    socket.setState('disconnected');
    expect(await screen.findByText('Reconnecting…')).toBeTruthy();
  });
});

describe('navigation', () => {
  test('settings are offered to owners only', () => {
    setup({ agent: makeAgent({ role: 'agent' }) });
    expect(screen.queryByRole('button', { name: 'Settings' })).toBeNull();
    cleanup();
    current?.workspace.dispose();
    setup({ agent: makeAgent({ role: 'owner' }) });
    expect(screen.getByRole('button', { name: 'Settings' })).toBeTruthy();
  });
});
