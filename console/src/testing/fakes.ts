import type { AgentAnnouncements, AgentRequests } from '@parley/shared';
import { signal } from '@preact/signals';
import { vi, type Mock } from 'vitest';
import type { ApiClient } from '../api/api-client';
import type { AgentConnection, AgentRequestName, ConnectionState } from '../connection';
import { createClock } from '../models/clock';
import { createTokenStore, type KeyValueStorage } from '../models/token-store';
import { createWorkspace, type Workspace } from '../models/workspace';
import type { Beeper } from '../platform/beeper';
import type { DesktopNotifier, NotificationAccess } from '../platform/desktop-notifier';
import { makeAgent, makeSite, NOW } from './fixtures';
import type { Agent } from '@parley/shared';

type Responder<K extends AgentRequestName> = (
  payload: AgentRequests[K]['in'],
) => AgentRequests[K]['out'] | Promise<AgentRequests[K]['out']>;

/** An in-memory AgentConnection: tests answer requests and push announcements by hand. */
export function createFakeConnection() {
  const handlers = new Map<string, Set<(event: never) => void>>();
  const stateHandlers = new Set<(state: ConnectionState) => void>();
  const responders = new Map<string, Responder<AgentRequestName>>();
  const requests: { name: AgentRequestName; payload: unknown }[] = [];

  const connection: AgentConnection = {
    async request(name, payload) {
      requests.push({ name, payload });
      const responder = responders.get(name) as Responder<typeof name> | undefined;
      if (!responder) return {} as never;
      return responder(payload);
    },
    on(name, handler) {
      const set = handlers.get(name) ?? new Set();
      set.add(handler as (event: never) => void);
      handlers.set(name, set);
      return () => set.delete(handler as (event: never) => void);
    },
    onState(handler) {
      stateHandlers.add(handler);
      return () => stateHandlers.delete(handler);
    },
    close: vi.fn(),
  };

  return {
    connection,
    requests,
    /** Requests sent under one name, payloads only. */
    sent<K extends AgentRequestName>(name: K): AgentRequests[K]['in'][] {
      return requests
        .filter((r) => r.name === name)
        .map((r) => r.payload as AgentRequests[K]['in']);
    },
    respond<K extends AgentRequestName>(name: K, responder: Responder<K>): void {
      responders.set(name, responder as unknown as Responder<AgentRequestName>);
    },
    announce<K extends keyof AgentAnnouncements>(
      name: K,
      event: Parameters<AgentAnnouncements[K]>[0],
    ): void {
      for (const handler of handlers.get(name) ?? []) (handler as (e: typeof event) => void)(event);
    },
    setState(state: ConnectionState): void {
      for (const handler of stateHandlers) handler(state);
    },
  };
}

export type FakeConnection = ReturnType<typeof createFakeConnection>;

/** Implementations a test gives some API methods; the rest keep harmless defaults. */
export type ApiOverrides = Partial<ApiClient>;
/** An ApiClient whose every method is a vitest mock. */
export type FakeApi = { [K in keyof ApiClient]: Mock<ApiClient[K]> };

/** An ApiClient whose every method is a mock: the test's implementation, or a harmless default. */
export function createFakeApi(overrides: ApiOverrides = {}): FakeApi {
  const defaults: ApiClient = {
    login: async () => ({ token: 't', agent: makeAgent() }),
    me: async () => ({ agent: makeAgent() }),
    listConversations: async () => ({ items: [], total: 0 }),
    counts: async () => ({ queue: 0, mine: 0, all: 0, offline: 0, closed: 0 }),
    getConversation: async () => {
      throw new Error('getConversation not faked');
    },
    listSites: async () => ({ items: [makeSite()] }),
    createSite: async () => makeSite(),
    updateSite: async () => makeSite(),
    rotateSecret: async () => makeSite(),
    listCannedReplies: async () => ({ items: [] }),
    createCannedReply: async () => ({ id: 'r', siteId: 'site-1', shortcut: 'x', text: 'x' }),
    deleteCannedReply: async () => undefined,
    listAgents: async () => ({ items: [makeAgent()] }),
    createAgent: async () => makeAgent(),
    updateAgent: async () => makeAgent(),
  };
  const merged = { ...defaults, ...overrides };
  return Object.fromEntries(
    Object.entries(merged).map(([name, implementation]) => [name, vi.fn(implementation)]),
  ) as FakeApi;
}

/** A notifier that records what it would have shown. */
export function createFakeNotifier(access: NotificationAccess = 'granted') {
  const shown: { title: string; body: string; onClick: () => void }[] = [];
  return {
    shown,
    access: () => access,
    requestAccess: vi.fn(async (): Promise<NotificationAccess> => 'granted'),
    show: (notice: { title: string; body: string; onClick: () => void }) => {
      shown.push(notice);
    },
  } satisfies DesktopNotifier & { shown: typeof shown };
}

export function createFakeBeeper() {
  return { beep: vi.fn<() => void>(), unlock: vi.fn<() => void>() } satisfies Beeper;
}

/** A Map-backed localStorage. */
export function createMemoryStorage(
  initial: Record<string, string> = {},
): KeyValueStorage & { data: Map<string, string> } {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, value),
    removeItem: (key) => void data.delete(key),
  };
}

export interface TestWorkspace {
  workspace: Workspace;
  api: FakeApi;
  socket: FakeConnection;
  notifier: ReturnType<typeof createFakeNotifier>;
  beeper: ReturnType<typeof createFakeBeeper>;
  focused: ReturnType<typeof signal<boolean>>;
}

/** A workspace over fakes, as a signed-in agent sees it; dispose it after the test. */
export function createTestWorkspace(
  options: { agent?: Agent; api?: ApiOverrides; focused?: boolean } = {},
): TestWorkspace {
  const api = createFakeApi(options.api);
  const socket = createFakeConnection();
  const notifier = createFakeNotifier();
  const beeper = createFakeBeeper();
  const focused = signal(options.focused ?? true);
  const agent = options.agent ?? makeAgent();
  socket.respond('agent:hello', () => ({ agent, sites: [makeSite()], agents: [agent] }));
  const workspace = createWorkspace({
    token: 'token-1',
    agent,
    api,
    connect: () => socket.connection,
    notifier,
    beeper,
    clock: createClock(() => NOW),
    focused,
    onUnauthorized: vi.fn(),
  });
  return { workspace, api, socket, notifier, beeper, focused };
}

export { createTokenStore };
