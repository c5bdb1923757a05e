import type { ConversationDetail } from '@parley/shared';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { createTestWorkspace, type TestWorkspace } from '../testing/fakes';
import { makeConversation, makeDetail, makeSummary } from '../testing/fixtures';
import { WorkspaceView } from './WorkspaceView';

let current: TestWorkspace | null = null;
afterEach(() => {
  cleanup();
  current?.workspace.dispose();
  current = null;
});

const PEOPLE = ['Olga', 'Pedro', 'Quinn'];

/** The console with three conversations in the list: Olga (queued), Pedro and Quinn (active). */
async function setup() {
  const detail = (id: string): ConversationDetail => {
    const index = Number(id.slice(-1));
    return makeDetail(index === 0 ? { id, status: 'queued', agentId: null } : { id }, [], {
      name: PEOPLE[index] ?? 'Nobody',
    });
  };
  current = createTestWorkspace({
    api: {
      listConversations: vi.fn(async () => ({
        items: PEOPLE.map((name, index) =>
          makeSummary({ id: `conv-${index}`, visitorId: `v-${index}` }, { name }),
        ),
        total: PEOPLE.length,
      })),
      getConversation: vi.fn(async (id: string) => detail(id)),
    },
  });
  render(<WorkspaceView workspace={current.workspace} onSignOut={() => {}} />);
  await screen.findByRole('option', { name: /Quinn/ });
  return current;
}

const press = (key: string, target: Element = document.body, init: KeyboardEventInit = {}) =>
  fireEvent.keyDown(target, { key, ...init });
const openWith = async (name: string) =>
  screen.findByRole('region', { name: `Conversation with ${name}` });

describe('keyboard shortcuts', () => {
  test('? opens "Keyboard shortcuts", which lists each key; Escape closes it and focus returns', async () => {
    await setup();
    const tab = screen.getByRole('tab', { name: 'Queue' });
    tab.focus();
    press('?', tab, { shiftKey: true });
    const dialog = screen.getByRole('dialog', { name: 'Keyboard shortcuts' });
    const keys = Array.from(dialog.querySelectorAll('kbd'), (kbd) => kbd.textContent);
    expect(keys).toEqual(['j', 'k', 'r', 't', 'c', '/', '?']);
    expect(within(dialog).getByText('Next conversation')).toBeTruthy();
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Close' }));
    // Keys inside the dialog are its own: j does not open a conversation behind it.
    press('j', document.activeElement ?? document.body);
    expect(current?.workspace.conversation.selectedId.value).toBeNull();
    press('Escape', document.activeElement ?? document.body);
    expect(screen.queryByRole('dialog', { name: 'Keyboard shortcuts' })).toBeNull();
    expect(document.activeElement).toBe(tab);
  });

  test('the top bar\'s "Keyboard shortcuts" button opens the same dialog', async () => {
    await setup();
    const button = screen.getByRole('button', { name: 'Keyboard shortcuts' });
    fireEvent.click(button);
    const dialog = screen.getByRole('dialog', { name: 'Keyboard shortcuts' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(button);
  });

  test('j opens the next conversation in the list and k the previous one', async () => {
    await setup();
    press('j');
    await openWith('Olga');
    press('j');
    await openWith('Pedro');
    press('j');
    await openWith('Quinn');
    press('j');
    await openWith('Quinn');
    press('k');
    await openWith('Pedro');
  });

  test('r puts the cursor in the reply box and / in the search field, without typing the key', async () => {
    await setup();
    press('j');
    await openWith('Olga');
    const reply = await screen.findByRole('textbox', { name: 'Reply' });
    expect(press('r')).toBe(false);
    expect(document.activeElement).toBe(reply);
    reply.blur();
    expect(press('/')).toBe(false);
    expect(document.activeElement).toBe(
      screen.getByRole('searchbox', { name: 'Search conversations' }),
    );
  });

  test('keys typed into a field, or pressed with Ctrl, are left alone', async () => {
    await setup();
    const search = screen.getByRole('searchbox', { name: 'Search conversations' });
    expect(press('j', search)).toBe(true);
    expect(press('?', search, { shiftKey: true })).toBe(true);
    expect(press('j', document.body, { ctrlKey: true })).toBe(true);
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(current?.workspace.conversation.selectedId.value).toBeNull();
    press('j');
    await openWith('Olga');
    const reply = await screen.findByRole('textbox', { name: 'Reply' });
    press('c', reply);
    press('t', reply);
    expect(current?.socket.sent('conversation:take')).toEqual([]);
    expect(current?.socket.sent('conversation:close')).toEqual([]);
  });

  test('t takes the open queued chat and c closes the open conversation', async () => {
    const { socket } = await setup();
    socket.respond('conversation:take', () => ({
      conversation: makeConversation({ id: 'conv-0', status: 'active', agentId: 'agent-1' }),
    }));
    socket.respond('conversation:close', () => ({
      conversation: makeConversation({ id: 'conv-0', status: 'closed', closedBy: 'agent' }),
    }));
    press('j');
    await openWith('Olga');
    press('t');
    expect(socket.sent('conversation:take')).toEqual([{ conversationId: 'conv-0' }]);
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Take' })).toBeNull());
    press('c');
    expect(socket.sent('conversation:close')).toEqual([{ conversationId: 'conv-0' }]);
    expect(await screen.findByText(/This conversation is closed/)).toBeTruthy();
  });
});
