import type {
  Agent,
  Conversation,
  ConversationDetail,
  ConversationSummary,
  Message,
  Site,
  Visitor,
} from '@parley/shared';

/** A fixed "now" so waiting times and dates read the same in every run. */
export const NOW = Date.parse('2026-03-10T12:00:00Z');
const iso = (msAgo: number) => new Date(NOW - msAgo).toISOString();

export function makeAgent(overrides: Partial<Agent> = {}): Agent {
  return {
    id: 'agent-1',
    email: 'ana@shop.example',
    name: 'Ana Agent',
    role: 'agent',
    status: 'online',
    capacity: 5,
    siteIds: ['site-1'],
    createdAt: iso(86_400_000),
    ...overrides,
  };
}

export function makeSite(overrides: Partial<Site> = {}): Site {
  return {
    id: 'site-1',
    name: 'Shoe Shop',
    ownerId: 'owner-1',
    allowedOrigins: ['https://shoes.example'],
    identitySecret: 's3cr3t-key',
    createdAt: iso(86_400_000),
    widget: {
      color: '#4f46e5',
      greeting: 'Hi! How can we help?',
      defaultLocale: 'en',
      privacyNoticeUrl: null,
      prechatFields: [],
      businessHours: null,
      rating: { csat: true, nps: false },
      inactivityTimeoutMinutes: 30,
      identityVerification: false,
      retentionDays: null,
    },
    ...overrides,
  };
}

export function makeVisitor(overrides: Partial<Visitor> = {}): Visitor {
  return {
    id: 'visitor-1',
    siteId: 'site-1',
    name: 'Vera Visitor',
    email: 'vera@example.com',
    userId: null,
    verified: false,
    fields: {},
    locale: 'en-US',
    timeZone: null,
    userAgent: null,
    page: { url: 'https://shoes.example/boots', title: 'Boots', referrer: '' },
    firstSeenAt: iso(3_600_000),
    lastSeenAt: iso(0),
    ...overrides,
  };
}

export function makeConversation(overrides: Partial<Conversation> = {}): Conversation {
  return {
    id: 'conv-1',
    siteId: 'site-1',
    visitorId: 'visitor-1',
    kind: 'chat',
    status: 'active',
    agentId: 'agent-1',
    tags: [],
    lastSeq: 0,
    seen: { visitor: 0, agent: 0 },
    createdAt: iso(600_000),
    queuedAt: iso(600_000),
    assignedAt: iso(500_000),
    firstResponseAt: null,
    lastMessageAt: iso(60_000),
    closedAt: null,
    closedBy: null,
    rating: null,
    ...overrides,
  };
}

export function makeMessage(overrides: Partial<Message> = {}): Message {
  const seq = overrides.seq ?? 1;
  return {
    id: `msg-${seq}`,
    conversationId: 'conv-1',
    seq,
    clientId: `client-${seq}`,
    author: 'visitor',
    agentId: null,
    authorName: 'Vera Visitor',
    internal: false,
    text: 'Hello',
    createdAt: iso(60_000 - seq * 1000),
    ...overrides,
  };
}

export function makeSummary(
  conversation: Partial<Conversation> = {},
  visitor: Partial<Visitor> = {},
  lastMessage: Message | null = null,
): ConversationSummary {
  return {
    conversation: makeConversation(conversation),
    visitor: makeVisitor({ id: conversation.visitorId ?? 'visitor-1', ...visitor }),
    lastMessage,
  };
}

export function makeDetail(
  conversation: Partial<Conversation> = {},
  messages: Message[] = [],
  visitor: Partial<Visitor> = {},
): ConversationDetail {
  const lastSeq = messages.reduce((max, m) => Math.max(max, m.seq), 0);
  return {
    conversation: makeConversation({ lastSeq, ...conversation }),
    visitor: makeVisitor(visitor),
    agent: null,
    messages,
    deliveries: [],
  };
}
