import type { ConversationDetail } from '@parley/shared';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { RequestError } from '../api/request-error';
import { createTestWorkspace, type ApiOverrides, type TestWorkspace } from '../testing/fakes';
import {
  makeAgent,
  makeConversation,
  makeDetail,
  makeMessage,
  makeSite,
} from '../testing/fixtures';
import { ConversationView } from './ConversationView';

let current: TestWorkspace | null = null;
afterEach(() => {
  cleanup();
  current?.workspace.dispose();
  current = null;
});

async function openConversation(detail: ConversationDetail, api: ApiOverrides = {}) {
  current = createTestWorkspace({ api: { getConversation: vi.fn(async () => detail), ...api } });
  render(<ConversationView workspace={current.workspace} />);
  current.workspace.openConversation(detail.conversation.id);
  await screen.findByRole('log', { name: 'Messages' });
  return current;
}

const reply = () => screen.getByRole('textbox', { name: 'Reply' });
const type = (text: string) => fireEvent.input(reply(), { target: { value: text } });

describe('conversation', () => {
  test('Enter sends the reply; Shift+Enter keeps writing', async () => {
    const { socket } = await openConversation(makeDetail({}, [makeMessage()]));
    socket.respond('message:send', (payload) => ({
      message: makeMessage({
        seq: 2,
        author: 'agent',
        text: payload.text,
        clientId: payload.clientId,
        agentId: 'agent-1',
        authorName: 'Ana Agent',
      }),
    }));
    type('Sure, one moment');
    fireEvent.keyDown(reply(), { key: 'Enter', shiftKey: true });
    expect(socket.sent('message:send')).toHaveLength(0);
    fireEvent.keyDown(reply(), { key: 'Enter' });
    expect(socket.sent('message:send')).toEqual([
      {
        conversationId: 'conv-1',
        clientId: expect.any(String),
        text: 'Sure, one moment',
        internal: false,
      },
    ]);
    expect(await screen.findByText('Sure, one moment')).toBeTruthy();
    expect((reply() as HTMLTextAreaElement).value).toBe('');
  });

  test('the Send button sends what is in the reply box', async () => {
    const { socket } = await openConversation(makeDetail());
    type('Hello there');
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect(socket.sent('message:send')[0]).toMatchObject({ text: 'Hello there', internal: false });
  });

  test('Add note posts an internal note, shown apart from replies', async () => {
    const { socket } = await openConversation(makeDetail());
    socket.respond('message:send', (payload) => ({
      message: makeMessage({
        seq: 1,
        author: 'agent',
        internal: payload.internal ?? false,
        text: payload.text,
        clientId: payload.clientId,
      }),
    }));
    type('VIP customer, be nice');
    fireEvent.click(screen.getByRole('button', { name: 'Add note' }));
    expect(socket.sent('message:send')[0]).toMatchObject({
      text: 'VIP customer, be nice',
      internal: true,
    });
    const note = (await screen.findByText('VIP customer, be nice')).closest('li');
    expect(note?.className).toContain('message-note');
    expect(note?.textContent).toContain('Internal note');
  });

  test('typing / and a shortcut offers the canned reply, and Enter inserts it instead of sending', async () => {
    const { socket } = await openConversation(makeDetail(), {
      listCannedReplies: vi.fn(async () => ({
        items: [
          { id: 'r1', siteId: 'site-1', shortcut: 'thanks', text: 'Thanks for reaching out!' },
          { id: 'r2', siteId: 'site-1', shortcut: 'hours', text: 'We are open 9–17.' },
        ],
      })),
    });
    type('Hi! /tha');
    const listbox = await screen.findByRole('listbox', { name: 'Canned replies' });
    expect(
      within(listbox)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['/thanksThanks for reaching out!']);
    fireEvent.keyDown(reply(), { key: 'Enter' });
    expect((reply() as HTMLTextAreaElement).value).toBe('Hi! Thanks for reaching out!');
    expect(socket.sent('message:send')).toHaveLength(0);
    expect(screen.queryByRole('listbox', { name: 'Canned replies' })).toBeNull();
  });

  test('marking a chat as a complaint and adding a free tag sends the new tag list', async () => {
    const { socket } = await openConversation(makeDetail({ tags: ['shipping'] }));
    socket.respond('conversation:tag', ({ tags }) => ({
      conversation: makeConversation({ tags }),
    }));
    fireEvent.click(screen.getByRole('button', { name: 'complaint' }));
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'complaint' }).getAttribute('aria-pressed')).toBe(
        'true',
      ),
    );
    expect(socket.sent('conversation:tag')[0]).toEqual({
      conversationId: 'conv-1',
      tags: ['shipping', 'complaint'],
    });

    const input = screen.getByRole('textbox', { name: 'Add tag' });
    fireEvent.input(input, { target: { value: 'Refund' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(socket.sent('conversation:tag')[1]).toEqual({
      conversationId: 'conv-1',
      tags: ['shipping', 'complaint', 'refund'],
    });
    expect(await screen.findByRole('button', { name: 'Remove tag refund' })).toBeTruthy();
  });

  test('Take assigns a queued chat to me', async () => {
    const { socket } = await openConversation(makeDetail({ status: 'queued', agentId: null }));
    socket.respond('conversation:take', () => ({
      conversation: makeConversation({ status: 'active', agentId: 'agent-1' }),
    }));
    fireEvent.click(screen.getByRole('button', { name: 'Take' }));
    expect(socket.sent('conversation:take')).toEqual([{ conversationId: 'conv-1' }]);
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Take' })).toBeNull());
    expect(screen.getByRole('button', { name: 'Transfer' })).toBeTruthy();
  });

  test('Take at capacity asks first, and takes the chat past capacity only when confirmed', async () => {
    const detail = makeDetail({ status: 'queued', agentId: null });
    current = createTestWorkspace({
      agent: makeAgent({ capacity: 1 }),
      api: {
        getConversation: vi.fn(async () => detail),
        counts: vi.fn(async () => ({
          queue: 1,
          mine: 1,
          all: 2,
          offline: 0,
          missed: 0,
          closed: 0,
        })),
      },
    });
    const { socket, workspace } = current;
    render(<ConversationView workspace={workspace} />);
    workspace.openConversation('conv-1');
    await screen.findByRole('log', { name: 'Messages' });
    await waitFor(() => expect(workspace.inbox.counts.value?.mine).toBe(1));
    socket.respond('conversation:take', (payload) => {
      if (!payload.overCapacity)
        throw new RequestError('AGENT_UNAVAILABLE', 'Ana Agent is at capacity (1 / 1 chats)');
      return { conversation: makeConversation({ status: 'active', agentId: 'agent-1' }) };
    });

    fireEvent.click(screen.getByRole('button', { name: 'Take' }));
    const question = await screen.findByRole('group', {
      name: 'You are at 1 of 1 chats — take anyway?',
    });
    // A question, not an error: nothing alarming is shown, and the answer has the focus.
    expect(screen.queryByRole('alert')).toBeNull();
    const takeAnyway = within(question).getByRole('button', { name: 'Take anyway' });
    await waitFor(() => expect(document.activeElement).toBe(takeAnyway));

    // Cancel leaves the chat waiting, with Take back in its place.
    fireEvent.click(within(question).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('group', { name: /take anyway/ })).toBeNull();
    expect(socket.sent('conversation:take')).toEqual([{ conversationId: 'conv-1' }]);

    fireEvent.click(screen.getByRole('button', { name: 'Take' }));
    fireEvent.click(
      within(await screen.findByRole('group', { name: /take anyway/ })).getByRole('button', {
        name: 'Take anyway',
      }),
    );
    expect(socket.sent('conversation:take').at(-1)).toEqual({
      conversationId: 'conv-1',
      overCapacity: true,
    });
    expect(await screen.findByRole('button', { name: 'Transfer' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Take' })).toBeNull();
  });

  test('a take refused for another reason says why, and asks nothing', async () => {
    const { socket } = await openConversation(makeDetail({ status: 'queued', agentId: null }));
    socket.respond('conversation:take', () => {
      throw new RequestError('CONFLICT', 'Someone else took this chat');
    });
    fireEvent.click(screen.getByRole('button', { name: 'Take' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Someone else took this chat');
    expect(screen.queryByRole('group', { name: /take anyway/ })).toBeNull();
  });

  test('Transfer offers the colleagues of that site and hands the chat over', async () => {
    const { socket, workspace } = await openConversation(makeDetail());
    workspace.directory.applySession({
      agent: makeAgent(),
      sites: [makeSite()],
      agents: [
        makeAgent(),
        makeAgent({ id: 'agent-2', name: 'Ben', siteIds: ['site-1'], status: 'online' }),
        makeAgent({ id: 'agent-3', name: 'Cleo', siteIds: ['site-2'] }),
      ],
    });
    socket.respond('conversation:transfer', ({ agentId }) => ({
      conversation: makeConversation({ agentId }),
    }));
    socket.respond('agent:loads', () => ({
      loads: [
        { agentId: 'agent-1', activeChats: 1 },
        { agentId: 'agent-2', activeChats: 2 },
      ],
    }));
    fireEvent.click(await screen.findByRole('button', { name: 'Transfer' }));
    const menu = screen.getByRole('menu', { name: 'Transfer to' });
    // Each colleague's status and load, asked for as the menu opens.
    expect(socket.sent('agent:loads')).toEqual([{}]);
    await waitFor(() =>
      expect(
        within(menu)
          .getAllByRole('menuitem')
          .map((item) => item.textContent),
      ).toEqual(['Ben · Online · 2 / 5 chats']),
    );
    fireEvent.click(within(menu).getByRole('menuitem'));
    expect(socket.sent('conversation:transfer')).toEqual([
      { conversationId: 'conv-1', agentId: 'agent-2' },
    ]);
  });

  test('Transfer shows each colleague as Name · Status · chats / capacity, refreshed on every opening', async () => {
    const { socket, workspace } = await openConversation(makeDetail());
    workspace.directory.applySession({
      agent: makeAgent(),
      sites: [makeSite()],
      agents: [
        makeAgent(),
        makeAgent({ id: 'agent-2', name: 'Mai Trần', status: 'online', capacity: 3 }),
        makeAgent({ id: 'agent-3', name: 'Ion', status: 'away', capacity: 2 }),
        makeAgent({ id: 'agent-4', name: 'Liza', status: 'offline', capacity: 4 }),
      ],
    });
    let maiChats = 2;
    socket.respond('agent:loads', () => ({
      loads: [
        { agentId: 'agent-2', activeChats: maiChats },
        { agentId: 'agent-3', activeChats: 2 },
        { agentId: 'agent-4', activeChats: 0 },
      ],
    }));
    const transfer = await screen.findByRole('button', { name: 'Transfer' });
    fireEvent.click(transfer);
    const items = () =>
      within(screen.getByRole('menu', { name: 'Transfer to' }))
        .getAllByRole('menuitem')
        .map((item) => item.textContent);
    await waitFor(() =>
      expect(items()).toEqual([
        'Mai Trần · Online · 2 / 3 chats',
        'Ion · Away · 2 / 2 chats',
        'Liza · Offline · 0 / 4 chats',
      ]),
    );
    fireEvent.click(transfer);
    maiChats = 3;
    fireEvent.click(transfer);
    await waitFor(() => expect(items()[0]).toBe('Mai Trần · Online · 3 / 3 chats'));
    expect(socket.sent('agent:loads')).toHaveLength(2);
  });

  test('a colleague removed, or no longer on the site, is no longer offered', async () => {
    const { socket, workspace } = await openConversation(makeDetail());
    workspace.directory.applySession({
      agent: makeAgent(),
      sites: [makeSite()],
      agents: [
        makeAgent(),
        makeAgent({ id: 'agent-2', name: 'Ben', siteIds: ['site-1'], status: 'online' }),
        makeAgent({ id: 'agent-3', name: 'Dana', siteIds: ['site-1'], status: 'online' }),
      ],
    });
    socket.announce('agent:removed', { agentId: 'agent-2' });
    fireEvent.click(await screen.findByRole('button', { name: 'Transfer' }));
    const menu = screen.getByRole('menu', { name: 'Transfer to' });
    expect(
      within(menu)
        .getAllByRole('menuitem')
        .map((item) => item.textContent),
    ).toEqual(['Dana · Online']);
  });

  test('each reply to an offline message says how it reached the visitor, and why not', async () => {
    const messages = [
      makeMessage({ seq: 1, author: 'visitor', text: 'Czy mogę zwrócić buty?' }),
      makeMessage({ seq: 2, author: 'agent', authorName: 'Ana', text: 'Tak, w ciągu 30 dni.' }),
      makeMessage({ seq: 3, author: 'agent', authorName: 'Ana', text: 'Wysłaliśmy etykietę.' }),
    ];
    await openConversation({
      ...makeDetail({ kind: 'offline' }, messages),
      deliveries: [
        { messageId: 'msg-2', state: 'emailed', reason: null },
        { messageId: 'msg-3', state: 'email-pending', reason: '421 try again later' },
      ],
    });
    const log = screen.getByRole('log', { name: 'Messages' });
    const items = within(log).getAllByRole('listitem');
    expect(items[1]!.textContent).toContain('Emailed to the visitor');
    expect(items[2]!.textContent).toContain('Email on its way (421 try again later)');
    expect(items[0]!.textContent).not.toMatch(/Email|Waiting/);
  });

  test('a transfer the relay refuses is explained', async () => {
    const { socket, workspace } = await openConversation(makeDetail());
    workspace.directory.applyAgent(makeAgent({ id: 'agent-2', name: 'Ben' }));
    socket.respond('conversation:transfer', () => {
      throw new RequestError('AGENT_UNAVAILABLE', 'Ben is at capacity');
    });
    fireEvent.click(screen.getByRole('button', { name: 'Transfer' }));
    fireEvent.click(screen.getByRole('menuitem'));
    expect((await screen.findByRole('alert')).textContent).toContain(
      'Ben is at capacity. A chat needs someone online with a free chat slot.',
    );
  });

  test('Close conversation closes it and the reply box gives way', async () => {
    const { socket } = await openConversation(makeDetail());
    socket.respond('conversation:close', () => ({
      conversation: makeConversation({ status: 'closed', closedBy: 'agent' }),
    }));
    fireEvent.click(screen.getByRole('button', { name: 'Close conversation' }));
    expect(await screen.findByText(/This conversation is closed/)).toBeTruthy();
    expect(screen.queryByRole('textbox', { name: 'Reply' })).toBeNull();
  });

  test('a missed chat, closed by the visitor before anyone replied, can still be answered', async () => {
    const { socket } = await openConversation(
      makeDetail({ status: 'closed', closedBy: 'visitor', tags: ['missed'] }),
    );
    socket.respond('message:send', (payload) => ({
      message: makeMessage({
        seq: 2,
        author: 'agent',
        text: payload.text,
        clientId: payload.clientId,
        agentId: 'agent-1',
        authorName: 'Ana Agent',
      }),
    }));
    expect(screen.queryByText(/This conversation is closed/)).toBeNull();
    type('Sorry for the wait: your order ships today.');
    fireEvent.keyDown(reply(), { key: 'Enter' });
    expect(socket.sent('message:send')).toEqual([
      expect.objectContaining({ text: 'Sorry for the wait: your order ships today.' }),
    ]);
  });

  test('a reply that failed says why and can be retried with the same id', async () => {
    const { socket } = await openConversation(makeDetail());
    let attempts = 0;
    socket.respond('message:send', (payload) => {
      attempts += 1;
      if (attempts === 1)
        throw new RequestError('NETWORK', 'The server did not answer in time. Try again.');
      return {
        message: makeMessage({
          seq: 1,
          author: 'agent',
          text: payload.text,
          clientId: payload.clientId,
        }),
      };
    });
    type('Are you still there?');
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect((await screen.findByRole('alert')).textContent).toContain('did not answer in time');
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
    const [first, second] = socket.sent('message:send');
    expect(second?.clientId).toBe(first?.clientId);
  });

  test('new messages and the visitor’s typing appear live', async () => {
    const { socket } = await openConversation(makeDetail({}, [makeMessage()]));
    socket.announce('typing:changed', {
      conversationId: 'conv-1',
      author: 'visitor',
      name: 'Vera',
      typing: true,
    });
    expect(await screen.findByText('Vera is typing…')).toBeTruthy();
    socket.announce('message:created', {
      message: makeMessage({ seq: 2, text: 'My order is late' }),
    });
    expect(await screen.findByText('My order is late')).toBeTruthy();
    expect(screen.queryByText('Vera is typing…')).toBeNull();
  });

  test('typing in the reply box tells the visitor once, and that it stopped after sending', async () => {
    const { socket } = await openConversation(makeDetail());
    type('H');
    type('He');
    type('Hey');
    expect(socket.sent('typing:set')).toEqual([{ conversationId: 'conv-1', typing: true }]);
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect(socket.sent('typing:set')).toEqual([
      { conversationId: 'conv-1', typing: true },
      { conversationId: 'conv-1', typing: false },
    ]);
  });

  test('replies the visitor has seen are marked Seen, notes never are', async () => {
    const agentLine = (seq: number, text: string, internal = false) =>
      makeMessage({ seq, text, author: 'agent', agentId: 'agent-1', authorName: 'Ana', internal });
    const { socket } = await openConversation(
      makeDetail({ seen: { visitor: 0, agent: 3 } }, [
        makeMessage({ seq: 1 }),
        agentLine(2, 'First answer'),
        agentLine(3, 'Private remark', true),
      ]),
    );
    expect(screen.queryByText(/Seen/)).toBeNull();
    socket.announce('seen:changed', { conversationId: 'conv-1', author: 'visitor', seq: 3 });
    const answer = (await screen.findByText('First answer')).closest('li');
    await waitFor(() => expect(answer?.textContent).toContain('Seen'));
    expect(screen.getByText('Private remark').closest('li')?.textContent).not.toContain('Seen');
  });

  test('viewing my chat tells the relay what I have seen, only while the console is in focus', async () => {
    current = createTestWorkspace({
      focused: false,
      api: {
        getConversation: vi.fn(async () =>
          makeDetail({}, [makeMessage({ seq: 1 }), makeMessage({ seq: 2 })]),
        ),
      },
    });
    render(<ConversationView workspace={current.workspace} />);
    current.workspace.openConversation('conv-1');
    await screen.findByRole('log');
    expect(current.socket.sent('seen:set')).toEqual([]);
    current.focused.value = true;
    expect(current.socket.sent('seen:set')).toEqual([{ conversationId: 'conv-1', seq: 2 }]);
  });

  test('a rated conversation shows the stars, the comment and the NPS', async () => {
    await openConversation(
      makeDetail({
        status: 'closed',
        closedBy: 'visitor',
        rating: { csat: 4, comment: 'Quick and kind', nps: 9, createdAt: new Date().toISOString() },
      }),
    );
    expect(screen.getByText('Satisfaction 4/5')).toBeTruthy();
    expect(screen.getByText('Quick and kind')).toBeTruthy();
    expect(screen.getByText('NPS 9/10')).toBeTruthy();
  });

  test('the live message log holds a list with one item per line, system lines included', async () => {
    await openConversation(
      makeDetail({}, [
        makeMessage({ seq: 1 }),
        makeMessage({ seq: 2, author: 'system', text: 'Ana Agent joined' }),
      ]),
    );
    const log = screen.getByRole('log', { name: 'Messages' });
    expect(log.getAttribute('aria-live')).toBe('polite');
    const list = within(log).getByRole('list');
    // A log role on the list itself would leave its items without a list parent.
    expect(list.getAttribute('role')).toBeNull();
    expect(within(list).getAllByRole('listitem')).toHaveLength(2);
  });

  test('visitor text is shown as text, and only http(s) links become links', async () => {
    await openConversation(
      makeDetail({}, [
        makeMessage({
          seq: 1,
          text: '<img src=x onerror=alert(1)> see https://evil.example/x and javascript:alert(1)',
        }),
      ]),
    );
    const log = screen.getByRole('log');
    expect(log.querySelector('img')).toBeNull();
    expect(log.textContent).toContain('<img src=x onerror=alert(1)>');
    const links = within(log).getAllByRole('link');
    expect(links).toHaveLength(1);
    expect(links[0]?.getAttribute('href')).toBe('https://evil.example/x');
    expect(links[0]?.getAttribute('rel')).toBe('noopener noreferrer');
  });
});

/** Picks Download transcript in the header's More actions menu. */
function downloadTranscript(): void {
  fireEvent.click(screen.getByRole('button', { name: 'More actions' }));
  fireEvent.click(screen.getByRole('menuitem', { name: 'Download transcript' }));
}

describe('transcript download', () => {
  test('Download transcript saves the conversation as a .txt file', async () => {
    const file = new Blob(['[…] Visitor Linh:\nHi'], { type: 'text/plain' });
    const { api, saveFile } = await openConversation(makeDetail(), {
      transcriptText: vi.fn(async () => file),
    });
    downloadTranscript();
    await waitFor(() =>
      expect(saveFile).toHaveBeenCalledWith(file, 'parley-conversation-conv-1.txt'),
    );
    expect(api.transcriptText).toHaveBeenCalledWith('conv-1');
  });

  test('a transcript the relay refuses is explained and nothing is saved', async () => {
    const { saveFile } = await openConversation(makeDetail(), {
      transcriptText: vi.fn(async () => {
        throw new RequestError('FORBIDDEN', 'You do not serve the site of this conversation');
      }),
    });
    downloadTranscript();
    expect((await screen.findByRole('alert')).textContent).toContain(
      'You do not have permission to do that.',
    );
    expect(saveFile).not.toHaveBeenCalled();
  });

  test('a closed conversation can still be downloaded', async () => {
    await openConversation(makeDetail({ status: 'closed', closedBy: 'visitor' }));
    fireEvent.click(screen.getByRole('button', { name: 'More actions' }));
    expect(screen.getByRole('menuitem', { name: 'Download transcript' })).toBeTruthy();
  });
});
