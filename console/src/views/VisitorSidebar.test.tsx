import type { Visitor } from '@parley/shared';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { createTestWorkspace, type ApiOverrides, type TestWorkspace } from '../testing/fakes';
import { makeAgent, makeDetail, makeSite, makeSummary, makeVisitor } from '../testing/fixtures';
import { VisitorSidebar } from './VisitorSidebar';

let current: TestWorkspace | null = null;
afterEach(() => {
  cleanup();
  current?.workspace.dispose();
  current = null;
});

async function showVisitor(
  visitor: Partial<Visitor>,
  api: ApiOverrides = {},
  role: 'owner' | 'agent' = 'agent',
  sites = [makeSite()],
) {
  current = createTestWorkspace({
    agent: makeAgent({ role }),
    sites,
    api: { getConversation: vi.fn(async () => makeDetail({}, [], visitor)), ...api },
  });
  render(<VisitorSidebar workspace={current.workspace} />);
  current.workspace.openConversation('conv-1');
  await screen.findByRole('complementary', { name: 'Visitor' });
  await screen.findByText('Details');
  return current;
}

const fact = (label: string) =>
  screen.getByText(label, { selector: 'dt' }).nextElementSibling?.textContent;

describe('visitor sidebar', () => {
  test('shows pre-chat answers under their question’s label, a field the site dropped under its key', async () => {
    const site = makeSite();
    site.widget.prechatFields = [
      { key: 'order', label: 'Numer zamówienia', type: 'text', required: false },
    ];
    const { socket } = await showVisitor(
      { fields: { order: 'PL-4521', legacy: 'kept' } },
      {},
      'agent',
      [site],
    );
    // The sites (with their pre-chat fields) arrive with agent:hello on connecting.
    socket.setState('connected');
    await waitFor(() => expect(fact('Numer zamówienia')).toBe('PL-4521'));
    expect(fact('legacy')).toBe('kept');
    expect(screen.queryByText('order', { selector: 'dt' })).toBeNull();
  });

  test('shows name, email and that the identity is verified', async () => {
    await showVisitor({
      name: 'Vera Visitor',
      email: 'vera@example.com',
      verified: true,
      userId: 'u-1',
    });
    expect(screen.getByRole('heading', { name: 'Vera Visitor' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'vera@example.com' }).getAttribute('href')).toBe(
      'mailto:vera@example.com',
    );
    expect(screen.getByText('✓ Verified identity')).toBeTruthy();
  });

  test('says so when an identified visitor is not verified', async () => {
    await showVisitor({ verified: false, userId: 'u-1' });
    expect(screen.getByText('Identity not verified')).toBeTruthy();
  });

  test('shows browser and OS read from the user agent', async () => {
    await showVisitor({
      userAgent:
        'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
    });
    expect(fact('Browser')).toBe('Chrome 126');
    expect(fact('OS')).toBe('macOS 10.15');
  });

  test('shows the visitor’s local time in the time zone their browser reported', async () => {
    await showVisitor({ locale: 'en-US', timeZone: 'Asia/Ho_Chi_Minh' });
    expect(fact('Locale')).toBe('English (United States) (en-US)');
    // NOW is 12:00 UTC; Ho Chi Minh City is UTC+7.
    expect(fact('Local time')).toBe('19:00 (Asia/Ho_Chi_Minh)');
  });

  test('shows the reported time zone even when the visitor sent no locale', async () => {
    await showVisitor({ locale: null, timeZone: 'America/New_York' });
    expect(fact('Locale')).toBe('Unknown');
    // New York is UTC−4 from the second Sunday of March.
    expect(fact('Local time')).toBe('08:00 (America/New_York)');
  });

  test('without a reported time zone, guesses the local time from a single-zone locale', async () => {
    await showVisitor({ locale: 'ro-RO', timeZone: null });
    expect(fact('Locale')).toBe('Romanian (Romania) (ro-RO)');
    // NOW is 12:00 UTC; Bucharest is UTC+2 in March.
    expect(fact('Local time')).toBe('14:00 (Europe/Bucharest)');
  });

  test('shows only the locale when the time zone cannot be known', async () => {
    await showVisitor({ locale: 'en-US', timeZone: null });
    expect(fact('Locale')).toBe('English (United States) (en-US)');
    expect(screen.queryByText('Local time')).toBeNull();
  });

  test('the current page and its title follow the visitor as they navigate', async () => {
    const { socket } = await showVisitor({
      page: {
        url: 'https://shoes.example/boots',
        title: 'Boots',
        referrer: 'https://search.example/?q=boots',
      },
    });
    expect(screen.getByRole('link', { name: 'Boots' }).getAttribute('href')).toBe(
      'https://shoes.example/boots',
    );
    expect(
      screen.getByRole('link', { name: 'https://search.example/?q=boots' }).getAttribute('rel'),
    ).toBe('noopener noreferrer');
    socket.announce('visitor:updated', {
      visitor: makeVisitor({
        page: { url: 'https://shoes.example/checkout', title: 'Checkout', referrer: '' },
      }),
    });
    const link = await screen.findByRole('link', { name: 'Checkout' });
    expect(link.getAttribute('href')).toBe('https://shoes.example/checkout');
    expect(link.getAttribute('target')).toBe('_blank');
  });

  test('a page change heard while the conversation loads is not undone by the older copy the load brings', async () => {
    let answer: (detail: ReturnType<typeof makeDetail>) => void = () => {};
    current = createTestWorkspace({
      api: {
        getConversation: vi.fn(
          () => new Promise<ReturnType<typeof makeDetail>>((resolve) => (answer = resolve)),
        ),
      },
    });
    render(<VisitorSidebar workspace={current.workspace} />);
    current.workspace.openConversation('conv-1');
    const page = (title: string) => ({
      url: `https://shoes.example/${title}`,
      title,
      referrer: '',
    });
    await waitFor(() => expect(current!.api.getConversation).toHaveBeenCalled());
    // Read by the relay before the visitor moved on, answered after the move was announced.
    current.socket.announce('visitor:updated', {
      visitor: makeVisitor({ page: page('Checkout'), lastSeenAt: '2026-12-07T10:00:05.000Z' }),
    });
    answer(makeDetail({}, [], { page: page('Boots'), lastSeenAt: '2026-12-07T10:00:00.000Z' }));
    expect(await screen.findByRole('link', { name: 'Checkout' })).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Boots' })).toBeNull();

    // And an older announcement arriving late does not replace the newer page either.
    current.socket.announce('visitor:updated', {
      visitor: makeVisitor({ page: page('Boots'), lastSeenAt: '2026-12-07T10:00:01.000Z' }),
    });
    expect(screen.getByRole('link', { name: 'Checkout' })).toBeTruthy();
  });

  test('a page URL that is not http(s) is shown as text, not as a link', async () => {
    await showVisitor({ page: { url: 'javascript:alert(1)', title: 'Trap', referrer: '' } });
    expect(screen.getByText('Trap')).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Trap' })).toBeNull();
  });

  test('lists previous conversations with their ratings and opens one on click', async () => {
    const { api, workspace } = await showVisitor(
      {},
      {
        listConversations: vi.fn(async (query) =>
          query.visitorId
            ? {
                items: [
                  makeSummary({ id: 'conv-1' }),
                  makeSummary({
                    id: 'old-1',
                    status: 'closed',
                    createdAt: '2026-01-05T10:00:00Z',
                    rating: {
                      csat: 5,
                      comment: 'Lovely help',
                      nps: 10,
                      createdAt: '2026-01-05T11:00:00Z',
                    },
                  }),
                ],
                total: 2,
              }
            : { items: [], total: 0 },
        ),
      },
    );
    const section = screen.getByRole('region', { name: 'Previous conversations' });
    await waitFor(() => expect(within(section).getAllByRole('button')).toHaveLength(1));
    expect(api.listConversations).toHaveBeenCalledWith({ visitorId: 'visitor-1', limit: 20 });
    const item = within(section).getByRole('button');
    expect(item.textContent).toContain('★ 5/5');
    expect(item.textContent).toContain('NPS 10');
    expect(within(section).getByText('“Lovely help”')).toBeTruthy();
    fireEvent.click(item);
    expect(workspace.conversation.selectedId.value).toBe('old-1');
  });

  test('an owner exports the visitor’s data and erases the visitor after confirming', async () => {
    const eraseVisitor = vi.fn(async (visitorId: string) => ({ visitorId, conversationIds: [] }));
    const { saveFile, router } = await showVisitor({ id: 'vis-9' }, { eraseVisitor }, 'owner');
    fireEvent.click(screen.getByRole('button', { name: 'Export data' }));
    await waitFor(() => expect(saveFile).toHaveBeenCalled());
    expect(saveFile.mock.calls[0]?.[1]).toBe('parley-visitor-vis-9.json');

    fireEvent.click(screen.getByRole('button', { name: 'Erase visitor' }));
    expect(eraseVisitor).not.toHaveBeenCalled();
    const confirm = screen.getByRole('group', { name: 'Confirm erasure' });
    fireEvent.click(within(confirm).getByRole('button', { name: 'Erase for good' }));
    await waitFor(() => expect(eraseVisitor).toHaveBeenCalledWith('vis-9'));
    await waitFor(() => expect(router.conversationId.value).toBeNull());
  });

  test('agents who are not owners see no export or erase', async () => {
    await showVisitor({ id: 'vis-9' });
    expect(screen.queryByRole('button', { name: 'Export data' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Erase visitor' })).toBeNull();
  });
});
