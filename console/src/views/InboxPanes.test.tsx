import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { RequestError } from '../api/request-error';
import { createTestWorkspace, type TestWorkspace } from '../testing/fakes';
import { makeDetail, makeSummary } from '../testing/fixtures';
import { InboxPanes } from './InboxPanes';

let current: TestWorkspace | null = null;
afterEach(() => {
  cleanup();
  current?.workspace.dispose();
  current = null;
});

/** The inbox with one visitor, Olga, in the list. The stylesheet shows the pane `data-view` names. */
async function setup() {
  current = createTestWorkspace({
    api: {
      listConversations: vi.fn(async () => ({
        items: [makeSummary({ id: 'conv-1' }, { name: 'Olga' })],
        total: 1,
      })),
      getConversation: vi.fn(async () =>
        makeDetail({ id: 'conv-1' }, [], { name: 'Olga', email: 'olga@example.com' }),
      ),
    },
  });
  const { container } = render(<InboxPanes workspace={current.workspace} />);
  const panes = container.querySelector<HTMLElement>('.panes');
  if (!panes) throw new Error('no panes');
  await screen.findByRole('option', { name: /Olga/ });
  return { ...current, view: () => panes.dataset.view };
}

const button = (name: string) => screen.getByRole('button', { name });

describe('panes on a narrow screen', () => {
  test('the list shows until a conversation is opened, which then has the screen', async () => {
    const { view } = await setup();
    expect(view()).toBe('list');
    fireEvent.click(screen.getByRole('option', { name: /Olga/ }));
    await screen.findByRole('log', { name: 'Messages' });
    expect(view()).toBe('conversation');
  });

  test('"Back to conversations" returns to the list with nothing open, and says so in the address', async () => {
    const { view, address } = await setup();
    fireEvent.click(screen.getByRole('option', { name: /Olga/ }));
    await screen.findByRole('log', { name: 'Messages' });
    expect(address.history.path()).toBe('/console/conversations/conv-1');
    fireEvent.click(button('Back to conversations'));
    expect(view()).toBe('list');
    expect(address.history.path()).toBe('/console/');
    expect(screen.queryByRole('log', { name: 'Messages' })).toBeNull();
    await waitFor(() =>
      expect(document.activeElement).toBe(screen.getByRole('option', { name: /Olga/ })),
    );
  });

  test('"Visitor details" shows the visitor, and "Back to conversation" returns to the chat', async () => {
    const { view } = await setup();
    fireEvent.click(screen.getByRole('option', { name: /Olga/ }));
    await screen.findByRole('log', { name: 'Messages' });
    fireEvent.click(button('Visitor details'));
    expect(view()).toBe('details');
    await waitFor(() => expect(document.activeElement).toBe(button('Back to conversation')));
    fireEvent.click(button('Back to conversation'));
    expect(view()).toBe('conversation');
    await waitFor(() => expect(document.activeElement).toBe(button('Visitor details')));
  });

  test('a conversation that cannot be loaded still offers the way back to the list', async () => {
    const { view, api } = await setup();
    api.getConversation.mockRejectedValueOnce(
      new RequestError('NOT_FOUND', 'No such conversation'),
    );
    fireEvent.click(screen.getByRole('option', { name: /Olga/ }));
    await screen.findByRole('alert');
    expect(view()).toBe('conversation');
    fireEvent.click(button('Back to conversations'));
    expect(view()).toBe('list');
  });

  test('the browser Back button leaves the visitor details for the conversation, and Forward returns', async () => {
    const { view, address } = await setup();
    fireEvent.click(screen.getByRole('option', { name: /Olga/ }));
    await screen.findByRole('log', { name: 'Messages' });
    fireEvent.click(button('Visitor details'));
    expect(address.history.path()).toBe('/console/conversations/conv-1/visitor');
    address.back();
    await waitFor(() => expect(view()).toBe('conversation'));
    address.forward();
    await waitFor(() => expect(view()).toBe('details'));
  });

  test('the browser Back button leaves the conversation for the list', async () => {
    const { view, address } = await setup();
    fireEvent.click(screen.getByRole('option', { name: /Olga/ }));
    await screen.findByRole('log', { name: 'Messages' });
    address.back();
    await waitFor(() => expect(view()).toBe('list'));
  });
});
