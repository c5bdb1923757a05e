/**
 * Builders and real multilingual texts for the Store contract suite. The texts come from the
 * customer-service articles in the repo's fixtures/ (Vietnamese, Romanian, Tagalog, Polish), so
 * storage and search are tested on diacritics, long lines and quotes, not on "hello".
 */
import { randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { CannedReply, Conversation, Site, Visitor } from '@parley/shared';
import type { AgentRecord, NewMessage } from './store';

/** The fixture folder, in the repository's fixtures/. */
export const FIXTURE_DIR = fileURLToPath(
  new URL('../../../fixtures/customer-service/', import.meta.url),
);

/** Non-empty lines of each fixture article, by language. */
export interface FixtureTexts {
  vi: string[];
  ro: string[];
  tl: string[];
  pl: string[];
}

/** Reads the four articles; fails loudly when the fixture folder is missing. */
export async function loadFixtureTexts(): Promise<FixtureTexts> {
  const names = await readdir(FIXTURE_DIR);
  const read = async (prefix: string): Promise<string[]> => {
    const name = names.find((file) => file.startsWith(prefix) && file.endsWith('.txt'));
    if (!name) throw new Error(`no ${prefix}*.txt in ${FIXTURE_DIR}`);
    const text = await readFile(FIXTURE_DIR + name, 'utf8');
    return text
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line.length > 0);
  };
  return {
    vi: await read('000_'),
    ro: await read('001_'),
    tl: await read('002_'),
    pl: await read('003_'),
  };
}

/** Every paragraph of every language, for filling transcripts. */
export function allParagraphs(texts: FixtureTexts): string[] {
  return [...texts.vi, ...texts.ro, ...texts.tl, ...texts.pl];
}

const BASE = Date.parse('2025-03-01T09:00:00.000Z');

/** A timestamp `minutes` after a fixed base, in the ISO form the server writes. */
export function at(minutes: number): string {
  return new Date(BASE + minutes * 60_000).toISOString();
}

/** A unique id with a readable prefix. */
export function id(prefix: string): string {
  return `${prefix}_${randomUUID()}`;
}

/** A complete site. */
export function makeSite(overrides: Partial<Site> = {}): Site {
  return {
    id: id('site'),
    name: 'Cửa hàng Hà Nội',
    ownerId: id('agent'),
    allowedOrigins: ['https://shop.example'],
    widget: {
      color: '#0b6e4f',
      greeting: 'Xin chào! Chúng tôi có thể giúp gì cho bạn?',
      defaultLocale: 'vi',
      privacyNoticeUrl: null,
      prechatFields: [{ key: 'name', label: 'Tên', type: 'text', required: true }],
      businessHours: {
        timeZone: 'Asia/Ho_Chi_Minh',
        days: [{ day: 1, open: '08:00', close: '17:30' }],
      },
      rating: { csat: true, nps: false },
      inactivityTimeoutMinutes: 30,
      identityVerification: false,
      retentionDays: null,
    },
    identitySecret: 'c2VjcmV0',
    createdAt: at(0),
    ...overrides,
  };
}

/** A complete agent record. */
export function makeAgent(overrides: Partial<AgentRecord> = {}): AgentRecord {
  const agentId = overrides.id ?? id('agent');
  return {
    id: agentId,
    email: `${agentId}@example.com`,
    name: 'Łucja Wiśniewska',
    role: 'agent',
    status: 'online',
    capacity: 3,
    siteIds: [],
    createdAt: at(0),
    passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA',
    ...overrides,
  };
}

/** A complete visitor. */
export function makeVisitor(siteId: string, overrides: Partial<Visitor> = {}): Visitor {
  return {
    id: id('visitor'),
    siteId,
    name: null,
    email: null,
    userId: null,
    verified: false,
    fields: {},
    locale: 'vi',
    timeZone: 'Asia/Ho_Chi_Minh',
    userAgent: 'Mozilla/5.0',
    page: { url: 'https://shop.example/gio-hang', title: 'Giỏ hàng', referrer: '' },
    firstSeenAt: at(0),
    lastSeenAt: at(0),
    ...overrides,
  };
}

/** A new, queued chat conversation. */
export function makeConversation(
  siteId: string,
  visitorId: string,
  overrides: Partial<Conversation> = {},
): Conversation {
  return {
    id: id('conv'),
    siteId,
    visitorId,
    kind: 'chat',
    status: 'queued',
    agentId: null,
    tags: [],
    lastSeq: 0,
    seen: { visitor: 0, agent: 0 },
    createdAt: at(0),
    queuedAt: at(0),
    assignedAt: null,
    firstResponseAt: null,
    lastMessageAt: null,
    closedAt: null,
    closedBy: null,
    rating: null,
    ...overrides,
  };
}

/** A visitor's message, ready for `appendMessage`. */
export function makeMessage(
  conversationId: string,
  text: string,
  overrides: Partial<NewMessage> = {},
): NewMessage {
  return {
    id: id('msg'),
    conversationId,
    clientId: id('client'),
    author: 'visitor',
    agentId: null,
    authorName: null,
    internal: false,
    text,
    createdAt: at(1),
    ...overrides,
  };
}

/** A canned reply. */
export function makeCannedReply(siteId: string, shortcut: string, text: string): CannedReply {
  return { id: id('canned'), siteId, shortcut, text };
}

/**
 * Tries to change a store's result. The embedded store hands out its frozen records (the change
 * throws a TypeError), PostgreSQL fresh objects (the change lands in the copy): either way what
 * is stored must stay as it was, which is what the caller then checks.
 */
export function tryToChange(change: () => unknown): void {
  try {
    change();
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
  }
}
