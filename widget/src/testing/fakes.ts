/** Test doubles shared by the widget's tests: a site, messages, a scripted server, storage. */
import type {
  Message,
  PublicSiteConfig,
  VisitorConversation,
  VisitorRequests,
  VisitorSession,
} from '@parley/shared';
import { vi } from 'vitest';
import { createChat, type Chat } from '../models/chat';
import { createStorage, type WidgetStorage } from '../storage';
import type { RequestName, Result, Transport } from '../transport';

/** A site's public config; override what a test cares about. */
export function siteConfig(
  overrides: Partial<PublicSiteConfig['widget']> = {},
  available = true,
  email = true,
) {
  return {
    id: 'site-1',
    name: 'Acme Shop',
    available,
    email,
    widget: {
      color: '#0f766e',
      greeting: 'Hi! How can we help?',
      defaultLocale: 'en',
      privacyNoticeUrl: 'https://acme.example/privacy',
      prechatFields: [
        { key: 'name', label: 'Your name', type: 'text', required: true },
        { key: 'email', label: 'Email address', type: 'email', required: true },
      ],
      businessHours: null,
      rating: { csat: true, nps: true },
      identityVerification: false,
      ...overrides,
    },
  } satisfies PublicSiteConfig;
}

/** A visitor-side conversation. */
export function conversation(overrides: Partial<VisitorConversation> = {}): VisitorConversation {
  return {
    id: 'conv-1',
    kind: 'chat',
    status: 'active',
    agent: { name: 'Maria', status: 'online' },
    queuePosition: null,
    lastSeq: 0,
    seen: { visitor: 0, agent: 0 },
    closedBy: null,
    rating: null,
    ask: { csat: true, nps: true },
    ...overrides,
  };
}

/** A message of conv-1. */
export function message(seq: number, overrides: Partial<Message> = {}): Message {
  return {
    id: `m-${seq}`,
    conversationId: 'conv-1',
    seq,
    clientId: `c-${seq}`,
    author: 'agent',
    agentId: 'agent-1',
    authorName: 'Maria',
    internal: false,
    text: `Message ${seq}`,
    createdAt: '2026-11-23T10:00:00.000Z',
    ...overrides,
  };
}

/** A hello answer. */
export function session(overrides: Partial<VisitorSession> = {}): VisitorSession {
  return {
    visitor: { id: 'v-1', name: null, email: null, verified: false },
    token: 'token-1',
    conversation: null,
    messages: [],
    site: siteConfig(),
    ...overrides,
  };
}

type Handler<K extends RequestName> = (
  payload: VisitorRequests[K]['in'],
) => Result<VisitorRequests[K]['out']> | Promise<Result<VisitorRequests[K]['out']>>;

/** Scripted answers per request. */
export type Handlers = { [K in RequestName]?: Handler<K> };

/** A transport that answers from `handlers` and records every request; unscripted ones are OFFLINE. */
export function fakeTransport(handlers: Handlers = {}) {
  const calls: { name: RequestName; payload: unknown }[] = [];
  const transport: Transport & { calls: typeof calls; handlers: Handlers } = {
    calls,
    handlers,
    request(name, payload) {
      calls.push({ name, payload });
      const handler = handlers[name] as Handler<typeof name> | undefined;
      if (!handler) {
        return Promise.resolve({ ok: false, error: { code: 'OFFLINE', message: 'offline' } });
      }
      return Promise.resolve(handler(payload as never)) as never;
    },
  };
  return transport;
}

/** Successful ack data. */
export function ok<T>(data: T): Result<T> {
  return { ok: true, data };
}

/** Per-site storage in memory (survives "reloads" that reuse it). */
export function memoryStorage(): WidgetStorage {
  return createStorage('site-1', null);
}

/** A chat with a fake server, plus the spies a test may check. */
export function testChat(
  options: {
    handlers?: Handlers;
    storage?: WidgetStorage;
    config?: PublicSiteConfig;
  } = {},
): Chat & {
  transport: ReturnType<typeof fakeTransport>;
  emit: ReturnType<typeof vi.fn>;
  storage: WidgetStorage;
} {
  const transport = fakeTransport(options.handlers);
  const storage = options.storage ?? memoryStorage();
  const emit = vi.fn();
  const chat = createChat({
    config: options.config ?? siteConfig(),
    storage,
    transport,
    locale: () => 'en',
    timeZone: () => 'Asia/Ho_Chi_Minh',
    page: () => ({ url: 'https://acme.example/shoes', title: 'Shoes', referrer: '' }),
    emit,
    onAgentMessage: vi.fn(),
    restartSession: vi.fn(),
    warn: vi.fn(),
    soundAllowed: true,
  });
  return { ...chat, transport, emit, storage };
}

/** Lets pending promise callbacks run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}
