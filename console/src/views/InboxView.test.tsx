import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { RequestError } from '../api/request-error';
import { createTestWorkspace, type ApiOverrides, type TestWorkspace } from '../testing/fakes';
import {
  makeConversation,
  makeDetail,
  makeMessage,
  makeSummary,
  makeVisitor,
  NOW,
} from '../testing/fixtures';
import { InboxView } from './InboxView';

let current: TestWorkspace | null = null;
afterEach(() => {
  cleanup();
  current?.workspace.dispose();
  current = null;
});

function setup(api: ApiOverrides = {}) {
  current = createTestWorkspace({ api });
  render(<InboxView workspace={current.workspace} />);
  return current;
}

const queued = (id: string, name: string, waitedMs: number) =>
  makeSummary(
    {
      id,
      status: 'queued',
      agentId: null,
      visitorId: `v-${id}`,
      queuedAt: new Date(NOW - waitedMs).toISOString(),
    },
    { name },
    makeMessage({ conversationId: id, text: `Question from ${name}` }),
  );

describe('inbox', () => {
  test('the tabs are named exactly Queue, Mine, All, Offline, Closed and Missed, with live counts beside them', async () => {
    setup({
      counts: vi.fn(async () => ({ queue: 3, mine: 2, all: 7, offline: 1, missed: 2, closed: 40 })),
    });
    const tablist = screen.getByRole('tablist', { name: 'Conversations' });
    const tabs = within(tablist).getAllByRole('tab');
    for (const [index, name] of ['Queue', 'Mine', 'All', 'Offline', 'Closed', 'Missed'].entries()) {
      expect(screen.getByRole('tab', { name })).toBe(tabs[index]);
    }
    // The count sits beside the word, hidden from the accessible name so it stays exactly "Closed".
    await waitFor(() =>
      expect(screen.getByRole('tab', { name: 'Closed' }).textContent).toBe('Closed40'),
    );
    expect(screen.getByRole('tab', { name: 'Queue' }).textContent).toBe('Queue3');
    expect(screen.getByRole('tab', { name: 'Missed' }).textContent).toBe('Missed2');
    expect(screen.getByRole('tab', { name: 'Queue' }).getAttribute('aria-selected')).toBe('true');
    // The name comes from the visible word; an aria-label would differ from the text "Queue3".
    for (const tab of tabs) expect(tab.hasAttribute('aria-label')).toBe(false);
  });

  test('queued visitors show how long they have been waiting, longest first', async () => {
    setup({
      listConversations: vi.fn(async () => ({
        items: [queued('c2', 'Newer', 45_000), queued('c1', 'Older', 192_000)],
        total: 2,
      })),
    });
    const rows = await screen.findAllByRole('option');
    expect(rows[0]?.textContent).toContain('Older');
    expect(rows[0]?.textContent).toContain('Waiting 3m 12s');
    expect(rows[1]?.textContent).toContain('Waiting 45s');
  });

  test('choosing a tab lists that tab’s conversations', async () => {
    const { api } = setup();
    fireEvent.click(screen.getByRole('tab', { name: 'Mine' }));
    await waitFor(() =>
      expect(api.listConversations).toHaveBeenLastCalledWith({
        status: 'active',
        agentId: 'agent-1',
        limit: 50,
        offset: 0,
      }),
    );
    expect(screen.getByRole('tab', { name: 'Mine' }).getAttribute('aria-selected')).toBe('true');
  });

  test('a new visitor appears in the queue without a reload, and the counts follow', async () => {
    const { socket, api } = setup();
    await waitFor(() => expect(api.counts).toHaveBeenCalledTimes(1));
    const row = queued('c9', 'Nina', 5_000);
    socket.announce('conversation:updated', {
      conversation: row.conversation,
      visitor: row.visitor,
    });
    expect((await screen.findByRole('option')).textContent).toContain('Nina');
    await waitFor(() => expect(api.counts).toHaveBeenCalledTimes(2));
  });

  test('a new message becomes the row’s preview', async () => {
    const { socket } = setup({
      listConversations: vi.fn(async () => ({ items: [queued('c1', 'Olga', 10_000)], total: 1 })),
    });
    await screen.findByText('Question from Olga');
    socket.announce('message:created', {
      message: makeMessage({ conversationId: 'c1', seq: 2, text: 'Anyone there?' }),
    });
    expect(await screen.findByText('Anyone there?')).toBeTruthy();
  });

  test('news of a conversation this console does not show updates its preview and unread count', async () => {
    const { socket } = setup({
      listConversations: vi.fn(async () => ({ items: [queued('c1', 'Olga', 10_000)], total: 1 })),
    });
    await screen.findByText('Question from Olga');
    socket.announce('inbox:activity', {
      siteId: 'site-1',
      conversations: [
        {
          conversationId: 'c1',
          siteId: 'site-1',
          message: makeMessage({ conversationId: 'c1', seq: 4, text: 'Czy ktoś tu jest?' }),
          visitorMessages: 3,
        },
      ],
    });
    expect(await screen.findByText('Czy ktoś tu jest?')).toBeTruthy();
    expect(screen.getByRole('option').textContent).toContain('3 unread');
  });

  test('the console tells the relay which chats it lists, once settled, and again after a reconnect', async () => {
    const { socket } = setup({
      listConversations: vi.fn(async () => ({
        items: [queued('c2', 'Newer', 5_000), queued('c1', 'Older', 9_000)],
        total: 2,
      })),
    });
    await screen.findAllByRole('option');
    await waitFor(() =>
      expect(socket.sent('inbox:listing')).toEqual([{ conversationIds: ['c1', 'c2'] }]),
    );
    // A row moving up is no news to the relay; a new socket knows nothing of the list.
    socket.announce('message:created', {
      message: makeMessage({ conversationId: 'c2', seq: 3, text: 'Hello?' }),
    });
    socket.setState('connected');
    await waitFor(() => expect(socket.sent('inbox:listing')).toHaveLength(2));
    expect(socket.sent('inbox:listing')[1]).toEqual({ conversationIds: ['c1', 'c2'] });
  });

  test('a chat that comes into the list with no preview known gets its latest message from the relay', async () => {
    const { socket } = setup({
      listConversations: vi.fn(async () => ({ items: [queued('c1', 'Olga', 10_000)], total: 1 })),
    });
    socket.respond('message:history', ({ conversationId, afterSeq }) => ({
      messages: [makeMessage({ conversationId, seq: (afterSeq ?? 0) + 1, text: 'Mulțumesc!' })],
    }));
    await screen.findByText('Question from Olga');
    socket.announce('conversation:updated', {
      conversation: makeConversation({
        id: 'c9',
        visitorId: 'v-c9',
        status: 'queued',
        agentId: null,
        lastSeq: 6,
      }),
      visitor: makeVisitor({ id: 'v-c9', name: 'Ioana' }),
    });
    expect(await screen.findByText('Mulțumesc!')).toBeTruthy();
    expect(socket.sent('message:history')).toEqual([
      { conversationId: 'c9', afterSeq: 5, limit: 1 },
    ]);
  });

  test('a chat taken by someone else leaves the queue', async () => {
    const { socket } = setup({
      listConversations: vi.fn(async () => ({ items: [queued('c1', 'Olga', 10_000)], total: 1 })),
    });
    await screen.findByRole('option');
    socket.announce('conversation:updated', {
      conversation: makeConversation({
        id: 'c1',
        visitorId: 'v-c1',
        status: 'active',
        agentId: 'agent-2',
      }),
      visitor: makeVisitor({ id: 'v-c1', name: 'Olga' }),
    });
    await waitFor(() => expect(screen.queryByRole('option')).toBeNull());
  });

  test('a waiting chat routed to me says where it went, and leads to Mine', async () => {
    let routed = false;
    const { socket } = setup({
      listConversations: vi.fn(async (query) =>
        query.agentId
          ? routed
            ? { items: [makeSummary({ id: 'c1', status: 'active', agentId: 'agent-1' })], total: 1 }
            : { items: [], total: 0 }
          : { items: [queued('c1', 'Olga', 10_000)], total: 1 },
      ),
    });
    await screen.findByRole('option');
    routed = true;
    socket.announce('conversation:updated', {
      conversation: makeConversation({
        id: 'c1',
        visitorId: 'v-c1',
        status: 'active',
        agentId: 'agent-1',
      }),
      visitor: makeVisitor({ id: 'v-c1', name: 'Olga' }),
    });
    const notice = await screen.findByText(/A chat was assigned to you/);
    fireEvent.click(within(notice).getByRole('button', { name: 'Go to Mine' }));
    expect(screen.getByRole('tab', { name: 'Mine' }).getAttribute('aria-selected')).toBe('true');
    await screen.findByRole('option');
    expect(screen.queryByText(/A chat was assigned to you/)).toBeNull();
  });

  test('a chat transferred to me while Queue is shown points to Mine, politely, with a badge and a way to open it', async () => {
    const olga = makeSummary(
      { id: 'c7', status: 'active', agentId: 'agent-1', visitorId: 'v-c7' },
      { id: 'v-c7', name: 'Olga' },
    );
    let transferred = false;
    const { socket, workspace } = setup({
      listConversations: vi.fn(async (query) =>
        query.agentId && transferred ? { items: [olga], total: 1 } : { items: [], total: 0 },
      ),
      getConversation: vi.fn(async () => makeDetail({ id: 'c7', status: 'active' })),
    });
    // The live region is in the page before there is anything to say, so its words are heard.
    const live = screen.getByRole('status');
    expect(live.getAttribute('aria-live')).toBe('polite');
    expect(live.textContent).toBe('');
    await waitFor(() => expect(screen.getByText('Nobody is waiting. New visitors appear here.')));
    transferred = true;
    // A colleague's chat, never listed in the Queue, becomes mine.
    socket.announce('conversation:updated', {
      conversation: olga.conversation,
      visitor: olga.visitor,
    });
    await waitFor(() => expect(live.textContent).toContain('A chat was assigned to you: Olga.'));
    const mine = screen.getByRole('tab', { name: 'Mine' });
    expect(mine.textContent).toContain('+1');
    fireEvent.click(within(live).getByRole('button', { name: 'Open chat' }));
    expect(mine.getAttribute('aria-selected')).toBe('true');
    expect(workspace.conversation.selectedId.value).toBe('c7');
    expect((await screen.findByRole('option')).textContent).toContain('Olga');
    expect(live.textContent).toBe('');
    expect(mine.textContent).not.toContain('+1');
  });

  test('news of a chat that was already mine says nothing', async () => {
    const olga = makeSummary(
      { id: 'c7', status: 'active', agentId: 'agent-1', visitorId: 'v-c7' },
      { id: 'v-c7', name: 'Olga' },
    );
    const { socket, api } = setup({
      listConversations: vi.fn(async (query) =>
        query.agentId ? { items: [olga], total: 1 } : { items: [], total: 0 },
      ),
    });
    await waitFor(() =>
      expect(api.listConversations).toHaveBeenCalledWith(
        expect.objectContaining({ agentId: 'agent-1' }),
      ),
    );
    await waitFor(() => expect(screen.getByText('Nobody is waiting. New visitors appear here.')));
    socket.announce('conversation:updated', {
      conversation: { ...olga.conversation, tags: ['billing'] },
      visitor: olga.visitor,
    });
    await waitFor(() => expect(api.counts).toHaveBeenCalledTimes(2));
    expect(screen.queryByText(/A chat was assigned to you/)).toBeNull();
    expect(screen.getByRole('tab', { name: 'Mine' }).textContent).not.toContain('+');
  });

  test('a chat a colleague gets says nothing', async () => {
    const { socket } = setup({
      listConversations: vi.fn(async () => ({ items: [queued('c1', 'Olga', 10_000)], total: 1 })),
    });
    await screen.findByRole('option');
    socket.announce('conversation:updated', {
      conversation: makeConversation({
        id: 'c1',
        visitorId: 'v-c1',
        status: 'active',
        agentId: 'agent-2',
      }),
      visitor: makeVisitor({ id: 'v-c1', name: 'Olga' }),
    });
    await waitFor(() => expect(screen.queryByRole('option')).toBeNull());
    expect(screen.queryByText(/A chat was assigned to you/)).toBeNull();
  });

  test('search looks through transcripts, names and emails of all conversations', async () => {
    const { api } = setup({
      listConversations: vi.fn(async (query) =>
        query.q
          ? {
              items: [makeSummary({ id: 'c5', status: 'closed' }, { name: 'Refund Rita' })],
              total: 1,
            }
          : { items: [], total: 0 },
      ),
    });
    fireEvent.input(screen.getByRole('searchbox', { name: 'Search conversations' }), {
      target: { value: 'refund' },
    });
    expect((await screen.findByRole('option')).textContent).toContain('Refund Rita');
    expect(api.listConversations).toHaveBeenLastCalledWith({ q: 'refund', limit: 50, offset: 0 });
    expect(screen.getByText('1 found in all conversations')).toBeTruthy();
  });

  test('a search result shows the message that matched, the match marked even without accents', async () => {
    const matched = makeMessage({
      conversationId: 'c7',
      seq: 2,
      author: 'agent',
      agentId: 'someone-else',
      authorName: 'Minh',
      text: 'Pani Zielińska, przesłałem rachunek mailem.',
    });
    setup({
      listConversations: vi.fn(async (query) =>
        query.q
          ? {
              items: [
                {
                  ...makeSummary(
                    { id: 'c7', status: 'closed' },
                    { name: 'Anna' },
                    makeMessage({ conversationId: 'c7', seq: 3, text: 'Dziękuję!' }),
                  ),
                  match: matched,
                },
              ],
              total: 1,
            }
          : { items: [], total: 0 },
      ),
    });
    fireEvent.input(screen.getByRole('searchbox', { name: 'Search conversations' }), {
      target: { value: 'zielinska' },
    });
    const row = await screen.findByRole('option');
    // A colleague's reply is theirs, not "You".
    expect(row.textContent).toContain('Minh: Pani Zielińska, przesłałem rachunek mailem.');
    expect(row.textContent).not.toContain('Dziękuję');
    expect([...row.querySelectorAll('mark')].map((mark) => mark.textContent)).toEqual([
      'Zielińska',
    ]);
  });

  test('Load more fetches the next page of a long list', async () => {
    const page = (offset: number) =>
      Array.from({ length: 50 }, (_, i) =>
        makeSummary(
          { id: `c${offset + i}`, status: 'closed', visitorId: `v${offset + i}` },
          { name: `Visitor ${offset + i}` },
        ),
      );
    const { api } = setup({
      listConversations: vi.fn(async (query) => ({ items: page(query.offset ?? 0), total: 120 })),
    });
    fireEvent.click(screen.getByRole('tab', { name: 'Closed' }));
    await waitFor(() => expect(screen.getAllByRole('option')).toHaveLength(50));
    fireEvent.click(screen.getByRole('button', { name: 'Load more' }));
    await waitFor(() => expect(screen.getAllByRole('option')).toHaveLength(100));
    expect(api.listConversations).toHaveBeenLastCalledWith({
      status: 'closed',
      limit: 50,
      offset: 50,
    });
  });

  test('All lists open chats page by page, fifty at a time, as the relay returns them', async () => {
    const page = (offset: number) =>
      Array.from({ length: 50 }, (_, i) =>
        makeSummary(
          {
            id: `c${offset + i}`,
            status: i % 2 ? 'active' : 'queued',
            visitorId: `v${offset + i}`,
          },
          { name: `Visitor ${offset + i}` },
        ),
      );
    const { api } = setup({
      listConversations: vi.fn(async (query) => ({ items: page(query.offset ?? 0), total: 120 })),
    });
    fireEvent.click(screen.getByRole('tab', { name: 'All' }));
    await waitFor(() => expect(screen.getAllByRole('option')).toHaveLength(50));
    expect(api.listConversations).toHaveBeenLastCalledWith({
      kind: 'chat',
      status: 'open',
      limit: 50,
      offset: 0,
    });
    fireEvent.click(screen.getByRole('button', { name: 'Load more' }));
    await waitFor(() => expect(screen.getAllByRole('option')).toHaveLength(100));
    expect(api.listConversations).toHaveBeenLastCalledWith({
      kind: 'chat',
      status: 'open',
      limit: 50,
      offset: 50,
    });
  });

  test('Offline lists open offline messages', async () => {
    const { api } = setup();
    fireEvent.click(screen.getByRole('tab', { name: 'Offline' }));
    await waitFor(() =>
      expect(api.listConversations).toHaveBeenLastCalledWith({
        kind: 'offline',
        status: 'open',
        limit: 50,
        offset: 0,
      }),
    );
  });

  test('a list that fails to load says why and can be retried', async () => {
    const listConversations = vi
      .fn()
      .mockRejectedValueOnce(
        new RequestError('NETWORK', 'The server cannot be reached. Check your connection.'),
      )
      .mockResolvedValue({ items: [queued('c1', 'Olga', 1_000)], total: 1 });
    setup({ listConversations });
    expect((await screen.findByRole('alert')).textContent).toContain(
      'The server cannot be reached',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('option')).toBeTruthy();
  });

  test('clicking a row opens that conversation', async () => {
    const { api, workspace, socket } = setup({
      listConversations: vi.fn(async () => ({ items: [queued('c1', 'Olga', 1_000)], total: 1 })),
      getConversation: vi.fn(async () => makeDetail({ id: 'c1', status: 'queued' })),
    });
    fireEvent.click(await screen.findByRole('option'));
    await waitFor(() => expect(api.getConversation).toHaveBeenCalledWith('c1'));
    // The relay is told first, so the conversation's messages arrive in full from now on.
    expect(socket.sent('conversation:watch')).toEqual([{ conversationIds: ['c1'] }]);
    expect(workspace.conversation.selectedId.value).toBe('c1');
    expect(screen.getByRole('option').getAttribute('aria-selected')).toBe('true');
  });
});
