import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
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
    expect(toggle.textContent).toBe('Online');
    fireEvent.click(toggle);
    expect(socket.sent('agent:status')).toEqual([{ status: 'away' }]);
    await waitFor(() => expect(toggle.getAttribute('aria-checked')).toBe('false'));
    // Off, it says what the agent is now, keeping its name.
    expect(toggle.textContent).toBe('Away');
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
      api: {
        counts: vi.fn(async () => ({
          queue: 0,
          mine: 2,
          all: 2,
          offline: 0,
          missed: 0,
          closed: 0,
        })),
      },
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

describe('my profile', () => {
  const openProfile = () => {
    fireEvent.click(screen.getByRole('button', { name: /Ana Agent/ }));
    return screen.getByRole('dialog', { name: 'My profile' });
  };

  test('the agent’s name in the top bar opens their profile, focused on the name field', () => {
    setup();
    const dialog = openProfile();
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    const name = within(dialog).getByRole('textbox', { name: 'Name' });
    expect((name as HTMLInputElement).value).toBe('Ana Agent');
    expect(document.activeElement).toBe(name);
    expect(within(dialog).getByLabelText('New password')).toBeTruthy();
  });

  test('Escape closes the profile and returns focus to the name', () => {
    setup();
    const dialog = openProfile();
    fireEvent.keyDown(within(dialog).getByRole('textbox', { name: 'Name' }), { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: /Ana Agent/ }));
  });

  test('a new name is saved for the agent themself and shows in the top bar', async () => {
    const { api } = setup({
      api: { updateAgent: vi.fn(async (_id, body) => makeAgent({ name: body.name ?? '' })) },
    });
    const dialog = openProfile();
    fireEvent.input(within(dialog).getByRole('textbox', { name: 'Name' }), {
      target: { value: 'Ana Pop' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save name' }));
    expect(await within(dialog).findByText('Your name was changed.')).toBeTruthy();
    expect(api.updateAgent).toHaveBeenCalledWith('agent-1', { name: 'Ana Pop' });
    expect(screen.getByRole('button', { name: /Ana Pop/ })).toBeTruthy();
  });

  test('a password shorter than 8 characters is explained and not sent', async () => {
    const { api } = setup();
    const dialog = openProfile();
    fireEvent.input(within(dialog).getByLabelText('New password'), { target: { value: 'short' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Change password' }));
    expect((await within(dialog).findByRole('alert')).textContent).toContain(
      'Please check what you entered: password: At least 8 characters',
    );
    expect(api.updateAgent).not.toHaveBeenCalled();
  });

  test('a new password is sent and the field is emptied', async () => {
    const { api } = setup();
    const dialog = openProfile();
    const field = within(dialog).getByLabelText('New password') as HTMLInputElement;
    fireEvent.input(field, { target: { value: 'correct horse battery' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Change password' }));
    expect(await within(dialog).findByText('Your password was changed.')).toBeTruthy();
    expect(api.updateAgent).toHaveBeenCalledWith('agent-1', { password: 'correct horse battery' });
    expect(field.value).toBe('');
  });

  test('a change the relay refuses is explained in the dialog', async () => {
    setup({
      api: {
        updateAgent: vi.fn(async () => {
          throw new RequestError('VALIDATION_FAILED', 'name: Too long');
        }),
      },
    });
    const dialog = openProfile();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save name' }));
    expect((await within(dialog).findByRole('alert')).textContent).toContain(
      'Please check what you entered: name: Too long',
    );
  });

  test('the Close button closes the profile', () => {
    setup();
    const dialog = openProfile();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});
