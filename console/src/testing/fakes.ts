import type { AgentAnnouncements, AgentRequests } from '@parley/shared';
import { signal } from '@preact/signals';
import { vi, type Mock } from 'vitest';
import type { ApiClient } from '../api/api-client';
import type { UploadedFile, UploadFile, UploadRequest } from '../api/file-upload';
import type { RequestError } from '../api/request-error';
import type { AgentConnection, AgentRequestName, ConnectionState } from '../connection';
import { createClock } from '../models/clock';
import { createRouter, type Router } from '../models/router';
import { createTokenStore, type KeyValueStorage } from '../models/token-store';
import { createWorkspace, type Workspace } from '../models/workspace';
import type { Beeper } from '../platform/beeper';
import type { PageHistory } from '../platform/browser-history';
import type { DesktopNotifier, NotificationAccess } from '../platform/desktop-notifier';
import { makeAgent, makeSite, NOW } from './fixtures';
import { makeReport } from './report-fixtures';
import type { Agent, Site } from '@parley/shared';

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
    refresh: async () => ({ token: 't2', agent: makeAgent() }),
    logout: async () => {},
    listConversations: async () => ({ items: [], total: 0 }),
    counts: async () => ({ queue: 0, mine: 0, all: 0, offline: 0, missed: 0, closed: 0 }),
    getConversation: async () => {
      throw new Error('getConversation not faked');
    },
    listSites: async () => ({ items: [makeSite()] }),
    createSite: async () => makeSite(),
    updateSite: async () => makeSite(),
    rotateSecret: async () => makeSite(),
    listCannedReplies: async () => ({ items: [] }),
    createCannedReply: async () => ({ id: 'r', siteId: 'site-1', shortcut: 'x', text: 'x' }),
    updateCannedReply: async (siteId, id, body) => ({
      id,
      siteId,
      shortcut: body.shortcut ?? 'x',
      text: body.text ?? 'x',
    }),
    deleteCannedReply: async () => undefined,
    listAgents: async () => ({ items: [makeAgent()] }),
    createAgent: async () => makeAgent(),
    updateAgent: async () => makeAgent(),
    transcriptText: async () => new Blob(['transcript'], { type: 'text/plain' }),
    exportSite: async () => new Blob(['{}\n'], { type: 'application/x-ndjson' }),
    exportVisitor: async () => new Blob(['{}'], { type: 'application/json' }),
    eraseVisitor: async (visitorId) => ({ visitorId, conversationIds: [] }),
    auditLog: async () => ({ items: [], total: 0 }),
    report: async () => makeReport(),
    reportCsv: async () => new Blob(['date,conversations\n'], { type: 'text/csv' }),
  };
  const merged = { ...defaults, ...overrides };
  return Object.fromEntries(
    Object.entries(merged).map(([name, implementation]) => [name, vi.fn(implementation)]),
  ) as FakeApi;
}

/** One upload the fake relay received, which the test finishes by hand. */
export interface FakeUpload {
  request: UploadRequest;
  /** The relay received `sent` bytes. */
  progress(sent: number): void;
  succeed(file?: Partial<UploadedFile>): void;
  fail(error: RequestError): void;
}

/**
 * Uploads that wait for the test: each call is recorded, reports progress when told, and ends
 * when the test says so, or with an AbortError when the console aborts it, as XMLHttpRequest does.
 */
export function createFakeUploads() {
  const calls: FakeUpload[] = [];
  let ids = 0;
  const upload: UploadFile = (request) =>
    new Promise<UploadedFile>((resolve, reject) => {
      request.signal.addEventListener('abort', () =>
        reject(new DOMException('The upload was cancelled', 'AbortError')),
      );
      calls.push({
        request,
        progress: (sent) => request.onProgress(sent, request.file.size),
        succeed: (file = {}) =>
          resolve({
            id: `upload-${++ids}`,
            name: request.name,
            type: request.file.type || 'application/octet-stream',
            size: request.file.size,
            ...file,
          }),
        fail: reject,
      });
    });
  return {
    upload,
    calls,
    /** The upload of the file named `name`, most recent first. */
    of(name: string): FakeUpload {
      const found = calls.filter((call) => call.request.name === name).pop();
      if (!found) throw new Error(`No upload of ${name}`);
      return found;
    },
  };
}

export type FakeUploads = ReturnType<typeof createFakeUploads>;

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

/** A browser history in memory: push, replace, and Back/Forward that announce the change. */
export function createMemoryHistory(initial = '/console/') {
  const entries = [initial];
  let index = 0;
  const handlers = new Set<() => void>();
  const pop = (step: number) => {
    const next = index + step;
    if (next < 0 || next >= entries.length) return;
    index = next;
    for (const handler of handlers) handler();
  };
  const history: PageHistory = {
    path: () => entries[index] ?? '/',
    push(path) {
      entries.splice(index + 1, entries.length, path);
      index = entries.length - 1;
    },
    replace(path) {
      entries[index] = path;
    },
    onPop(handler) {
      handlers.add(handler);
      return () => handlers.delete(handler);
    },
  };
  return {
    history,
    /** Every entry, oldest first. */
    entries,
    back: () => pop(-1),
    forward: () => pop(1),
  };
}

export type MemoryHistory = ReturnType<typeof createMemoryHistory>;

export interface TestWorkspace {
  workspace: Workspace;
  api: FakeApi;
  socket: FakeConnection;
  notifier: ReturnType<typeof createFakeNotifier>;
  beeper: ReturnType<typeof createFakeBeeper>;
  focused: ReturnType<typeof signal<boolean>>;
  router: Router;
  address: MemoryHistory;
  saveFile: Mock<(blob: Blob, filename: string) => void>;
  uploads: FakeUploads;
}

/** A workspace over fakes, as a signed-in agent sees it; dispose it after the test. */
export function createTestWorkspace(
  options: {
    agent?: Agent;
    api?: ApiOverrides;
    focused?: boolean;
    path?: string;
    /** The sites the relay says the agent serves (agent:hello). */
    sites?: Site[];
  } = {},
): TestWorkspace {
  const api = createFakeApi(options.api);
  const socket = createFakeConnection();
  const notifier = createFakeNotifier();
  const beeper = createFakeBeeper();
  const focused = signal(options.focused ?? true);
  const agent = options.agent ?? makeAgent();
  const address = createMemoryHistory(options.path);
  const router = createRouter({ history: address.history, base: '/console/' });
  const saveFile = vi.fn<(blob: Blob, filename: string) => void>();
  const uploads = createFakeUploads();
  const sites = options.sites ?? [makeSite()];
  socket.respond('agent:hello', () => ({ agent, sites, agents: [agent] }));
  const workspace = createWorkspace({
    token: 'token-1',
    agent,
    api,
    upload: uploads.upload,
    connect: () => socket.connection,
    notifier,
    beeper,
    clock: createClock(() => NOW),
    focused,
    router,
    saveFile,
    onUnauthorized: vi.fn(),
  });
  return { workspace, api, socket, notifier, beeper, focused, router, address, saveFile, uploads };
}

export { createTokenStore };
