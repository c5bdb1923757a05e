/**
 * A month of made-up but plausible support traffic for the reports benchmark: three shops, eight
 * agents, visitors who come back, missed chats, complaints, ratings, offline messages. Seeded, so
 * every run (and both stores) get exactly the same records.
 */
import type { Conversation, Message, Site, Visitor } from '@parley/shared';
import type { AgentRecord } from '../server/src/storage/store';

const MONTH_START = Date.parse('2026-11-01T00:00:00.000Z');
const MONTH_MS = 30 * 86_400_000;
const TEXTS = [
  'Xin chào, đơn hàng của tôi đã được giao chưa?',
  'Bună ziua! Verific imediat și revin cu un răspuns.',
  'Salamat po! Natanggap ko na ang package kahapon.',
  'Dziękuję, wszystko działa jak należy.',
];

export interface MonthOfTraffic {
  sites: Site[];
  agents: AgentRecord[];
  visitors: Visitor[];
  conversations: Conversation[];
  messages: Message[];
}

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32). */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export function monthOfTraffic(count: number): MonthOfTraffic {
  const next = random(count);
  const iso = (ms: number) => new Date(ms).toISOString();
  const sites: Site[] = ['Bình Minh', 'Kraków', 'Cluj'].map((name, index) => ({
    id: `site_${index}`,
    name,
    ownerId: 'agent_0',
    allowedOrigins: ['https://shop.example'],
    widget: {
      color: '#0b6e4f',
      greeting: 'Xin chào!',
      defaultLocale: 'vi',
      privacyNoticeUrl: null,
      prechatFields: [],
      businessHours: {
        timeZone: 'Europe/Warsaw',
        days: [1, 2, 3, 4, 5].map((day) => ({ day, open: '08:00', close: '18:00' })),
      },
      rating: { csat: true, nps: true },
      inactivityTimeoutMinutes: 30,
      identityVerification: false,
      retentionDays: null,
    },
    identitySecret: 'c2VjcmV0',
    createdAt: iso(MONTH_START - 86_400_000),
  }));
  const agents: AgentRecord[] = Array.from({ length: 8 }, (_, index) => ({
    id: `agent_${index}`,
    email: `agent${index}@shop.example`,
    name: `Agent ${index}`,
    role: index === 0 ? 'owner' : 'agent',
    status: 'offline',
    capacity: 5,
    siteIds: sites.map((site) => site.id),
    createdAt: iso(MONTH_START - 86_400_000),
    passwordHash: 'not used',
  }));
  const visitors: Visitor[] = [];
  const conversations: Conversation[] = [];
  const messages: Message[] = [];
  const visitorCount = Math.max(1, Math.round(count * 0.7));
  for (let v = 0; v < visitorCount; v += 1) {
    visitors.push({
      id: `visitor_${v}`,
      siteId: sites[v % sites.length]!.id,
      name: null,
      email: null,
      userId: null,
      verified: false,
      fields: {},
      locale: 'vi',
      timeZone: 'Asia/Ho_Chi_Minh',
      userAgent: null,
      page: null,
      firstSeenAt: iso(MONTH_START),
      lastSeenAt: iso(MONTH_START),
    });
  }
  for (let c = 0; c < count; c += 1) {
    const visitor = visitors[Math.floor(next() * visitorCount)]!;
    const created = MONTH_START + Math.floor(next() * MONTH_MS);
    const offline = next() < 0.1;
    const missed = !offline && next() < 0.08;
    const agentId = missed ? null : `agent_${1 + Math.floor(next() * 7)}`;
    const assigned = created + Math.floor(next() * 90_000);
    const answered = missed ? null : assigned + Math.floor(next() * 60_000);
    const closed = (answered ?? created) + Math.floor(next() * 1_200_000);
    const rated = !missed && !offline && next() < 0.4;
    const id = `conv_${c}`;
    const lines: Array<[Message['author'], number]> = [['visitor', created]];
    if (answered !== null) lines.push(['agent', answered], ['visitor', answered + 20_000]);
    lines.forEach(([author, at], index) =>
      messages.push({
        id: `msg_${c}_${index + 1}`,
        conversationId: id,
        seq: index + 1,
        clientId: `client_${c}_${index + 1}`,
        author,
        agentId: author === 'agent' ? agentId : null,
        authorName: null,
        internal: false,
        text: TEXTS[(c + index) % TEXTS.length]!,
        createdAt: iso(at),
      }),
    );
    conversations.push({
      id,
      siteId: visitor.siteId,
      visitorId: visitor.id,
      kind: offline ? 'offline' : 'chat',
      status: 'closed',
      agentId,
      tags: [...(missed ? ['missed'] : []), ...(next() < 0.03 ? ['complaint'] : [])],
      lastSeq: lines.length,
      seen: { visitor: lines.length, agent: lines.length },
      createdAt: iso(created),
      queuedAt: offline ? null : iso(created),
      assignedAt: agentId ? iso(assigned) : null,
      firstResponseAt: answered === null ? null : iso(answered),
      lastMessageAt: iso(lines.at(-1)![1]),
      closedAt: iso(closed),
      closedBy: missed ? 'visitor' : 'agent',
      rating: rated
        ? {
            csat: 1 + Math.floor(next() * 5),
            nps: Math.floor(next() * 11),
            comment: next() < 0.2 ? 'Cảm ơn, rất nhanh!' : null,
            createdAt: iso(closed + 5_000),
          }
        : null,
    });
  }
  return { sites, agents, visitors, conversations, messages };
}
