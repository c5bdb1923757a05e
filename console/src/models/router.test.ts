import { afterEach, describe, expect, test, vi } from 'vitest';
import { createMemoryHistory, createTestWorkspace, type TestWorkspace } from '../testing/fakes';
import { makeDetail } from '../testing/fixtures';
import { createRouter } from './router';

describe('router', () => {
  test('reads the open conversation from the address it starts at', () => {
    const { history } = createMemoryHistory('/console/conversations/conv-7');
    expect(createRouter({ history, base: '/console/' }).conversationId.value).toBe('conv-7');
  });

  test('any other address means no conversation is open', () => {
    for (const path of ['/console/', '/console', '/console/settings', '/console/conversations/']) {
      const { history } = createMemoryHistory(path);
      expect(createRouter({ history, base: '/console/' }).conversationId.value).toBeNull();
    }
  });

  test('opening a conversation adds a history entry with its id, once', () => {
    const address = createMemoryHistory('/console/');
    const router = createRouter({ history: address.history, base: '/console/' });
    router.open('a/b');
    router.open('a/b');
    expect(address.entries).toEqual(['/console/', '/console/conversations/a%2Fb']);
    expect(router.conversationId.value).toBe('a/b');
  });

  test("the visitor's details of the open conversation have an address of their own", () => {
    const address = createMemoryHistory('/console/conversations/c%2F1/visitor');
    const router = createRouter({ history: address.history, base: '/console/' });
    expect(router.route.value).toEqual({ page: 'inbox', conversationId: 'c/1', visitor: true });
    router.showVisitor(false);
    router.showVisitor(false);
    router.showVisitor(true);
    expect(address.entries).toEqual([
      '/console/conversations/c%2F1/visitor',
      '/console/conversations/c%2F1',
      '/console/conversations/c%2F1/visitor',
    ]);
    // With nothing open there are no details to show.
    router.open(null);
    router.showVisitor(true);
    expect(address.history.path()).toBe('/console/');
  });

  test('Back and Forward change the open conversation', () => {
    const address = createMemoryHistory('/console/');
    const router = createRouter({ history: address.history, base: '/console/' });
    router.open('one');
    router.open('two');
    address.back();
    expect(router.conversationId.value).toBe('one');
    address.back();
    expect(router.conversationId.value).toBeNull();
    address.forward();
    expect(router.conversationId.value).toBe('one');
  });

  test('clearing returns to the bare console without a new entry', () => {
    const address = createMemoryHistory('/console/conversations/x');
    const router = createRouter({ history: address.history, base: '/console/' });
    router.clear();
    expect(address.entries).toEqual(['/console/']);
    expect(router.conversationId.value).toBeNull();
  });
});

describe('router: the reports page', () => {
  test('reads the reports page and its filters from the address', () => {
    const { history } = createMemoryHistory('/console/reports?period=7d&timeZone=UTC');
    const router = createRouter({ history, base: '/console/' });
    expect(router.route.value).toEqual({ page: 'reports', search: 'period=7d&timeZone=UTC' });
    expect(router.conversationId.value).toBeNull();
  });

  test('a query on a conversation address does not change which one is open', () => {
    const { history } = createMemoryHistory('/console/conversations/conv-3?from=email');
    expect(createRouter({ history, base: '/console/' }).conversationId.value).toBe('conv-3');
  });

  test('each report shown is a history entry; Back and Forward step through them', () => {
    const address = createMemoryHistory('/console/conversations/a');
    const router = createRouter({ history: address.history, base: '/console/' });
    router.openReports('');
    router.openReports('period=today');
    router.openReports('period=today');
    expect(address.entries).toEqual([
      '/console/conversations/a',
      '/console/reports',
      '/console/reports?period=today',
    ]);
    address.back();
    expect(router.route.value).toEqual({ page: 'reports', search: '' });
    address.back();
    expect(router.route.value).toEqual({ page: 'inbox', conversationId: 'a' });
    address.forward();
    address.forward();
    expect(router.route.value).toEqual({ page: 'reports', search: 'period=today' });
  });

  test('clearing on sign-out leaves the reports for the bare console', () => {
    const address = createMemoryHistory('/console/reports?period=7d');
    const router = createRouter({ history: address.history, base: '/console/' });
    router.clear();
    expect(address.entries).toEqual(['/console/']);
  });
});

describe('the open conversation in the address', () => {
  let current: TestWorkspace | null = null;
  afterEach(() => {
    current?.workspace.dispose();
    current = null;
  });

  const conversations = (...ids: string[]) =>
    vi.fn(async (id: string) => {
      if (!ids.includes(id)) throw new Error(`unexpected ${id}`);
      return makeDetail({ id });
    });

  test('a reload at a conversation’s address opens that conversation', async () => {
    current = createTestWorkspace({
      path: '/console/conversations/conv-1',
      api: { getConversation: conversations('conv-1') },
    });
    const { workspace, api } = current;
    expect(workspace.conversation.selectedId.value).toBe('conv-1');
    await vi.waitFor(() => expect(workspace.conversation.detail.value).not.toBeNull());
    expect(api.getConversation).toHaveBeenCalledOnce();
  });

  test('opening a conversation puts it in the address, loading it once', async () => {
    current = createTestWorkspace({ api: { getConversation: conversations('conv-2') } });
    const { workspace, api, address } = current;
    workspace.openConversation('conv-2');
    expect(address.history.path()).toBe('/console/conversations/conv-2');
    await vi.waitFor(() => expect(workspace.conversation.detail.value).not.toBeNull());
    expect(api.getConversation).toHaveBeenCalledOnce();
  });

  test('Back and Forward move between the conversations opened', async () => {
    current = createTestWorkspace({ api: { getConversation: conversations('a', 'b') } });
    const { workspace, address } = current;
    workspace.openConversation('a');
    workspace.openConversation('b');
    address.back();
    expect(workspace.conversation.selectedId.value).toBe('a');
    address.back();
    expect(workspace.conversation.selectedId.value).toBeNull();
    address.forward();
    address.forward();
    expect(workspace.conversation.selectedId.value).toBe('b');
  });

  test('going Back to a conversation from settings shows the inbox', () => {
    current = createTestWorkspace({ api: { getConversation: conversations('a', 'b') } });
    const { workspace, address } = current;
    workspace.openConversation('a');
    workspace.openConversation('b');
    workspace.page.value = 'settings';
    address.back();
    expect(workspace.page.value).toBe('inbox');
    expect(workspace.conversation.selectedId.value).toBe('a');
  });
});
