/**
 * The report fixture: a weekend in Warsaw across the end of summer time (Sunday 2026-10-25 has 25
 * hours: 03:00 CEST becomes 02:00 CET at 01:00Z), built only through the Store API with fixed
 * times. Local times below are Warsaw's: CEST = UTC+2 until 2026-10-25T01:00Z, CET = UTC+1 after.
 * store-contract-reports.ts lists what each figure must be, worked out from this by hand.
 */
import { COMPLAINT_TAG, type BusinessHours, type ClosedBy, type Rating } from '@parley/shared';
import type { ReportScope } from '../reports/report-aggregates';
import { closing, followingUp } from './conversation-transitions';
import { makeAgent, makeConversation, makeMessage, makeSite } from './store-contract-fixtures';
import type { AssignMode, NewMessage, Store } from './store';

/** An instant written as UTC minutes, e.g. `z('2026-10-24T21:00')`. */
export const z = (utcMinute: string): string => `${utcMinute}:00.000Z`;

/**
 * Site A's hours: Saturday 09:00–17:00 and 22:00–04:00 (overnight, into Sunday: 7 real hours,
 * since Sunday's 02:00–03:00 comes twice), Monday 08:00–16:00, and an empty Sunday range.
 */
export const SITE_A_HOURS: BusinessHours = {
  timeZone: 'Europe/Warsaw',
  days: [
    { day: 6, open: '09:00', close: '17:00' },
    { day: 6, open: '22:00', close: '04:00' },
    { day: 1, open: '08:00', close: '16:00' },
    { day: 0, open: '12:00', close: '12:00' },
  ],
};

/** Sites A and B, Saturday 24 to Monday 26 October in Warsaw; only site A asks for ratings. */
export const REPORT_SCOPE: ReportScope = {
  siteIds: ['site-a', 'site-b'],
  agentId: null,
  from: z('2026-10-23T22:00'), // Saturday 00:00 CEST
  to: z('2026-10-26T23:00'), // Tuesday 00:00 CET
  timeZone: 'Europe/Warsaw',
  businessHours: null,
  ratingSiteIds: ['site-a'],
  now: z('2026-10-28T12:00'),
};

/** Stores the fixture in an empty store. */
export async function buildReportFixture(store: Store): Promise<void> {
  for (const id of ['site-a', 'site-b', 'site-c']) await store.createSite(makeSite({ id }));
  const agents: [string, string[]][] = [
    ['agent-ana', ['site-a']],
    ['agent-bo', ['site-a', 'site-b']],
    ['agent-cy', ['site-c']], // serves no site of the scope and has no scope conversation
    ['agent-dee', ['site-b']], // only online time
    ['agent-eve', ['site-a']], // nothing at all: not listed
  ];
  for (const [id, siteIds] of agents) {
    await store.createAgent(makeAgent({ id, siteIds, status: 'offline', capacity: 10 }));
  }
  await statusHistory(store);
  const f = fixtureActions(store);

  // c01, A: Saturday 23:00 CEST, answered Sunday 05:00 CET after a system line and a note; the
  // chat runs past midnight and across the DST change.
  await f.chat('c01', 'site-a', 'v1', z('2026-10-24T21:00'));
  await f.assign('c01', 'agent-ana', z('2026-10-24T21:30'));
  await f.system('c01', z('2026-10-24T21:30'));
  await f.note('c01', 'agent-ana', z('2026-10-24T21:40'));
  await f.reply('c01', 'agent-ana', z('2026-10-25T04:00'));
  await f.close('c01', 'agent', z('2026-10-25T04:30'));
  await f.rate('c01', 5, 10, 'Dziękuję!', z('2026-10-25T04:35'));
  // v1 comes back more than 72 h after c01 closed (and after the period).
  await f.chat('c09', 'site-a', 'v1', z('2026-10-28T06:00'));

  // c02, A: Sunday 10:00 CET, the visitor leaves before anyone answers: missed.
  await f.chat('c02', 'site-a', 'v2', z('2026-10-25T09:00'));
  await f.close('c02', 'visitor', z('2026-10-25T09:10'));

  // c03, B: Sunday 10:30 CET, closed by inactivity (missed), then followed up by Bo.
  await f.chat('c03', 'site-b', 'v3', z('2026-10-25T09:30'));
  await f.close('c03', 'inactivity', z('2026-10-25T09:50'));
  await store.changeConversation('c03', followingUp('agent-bo', z('2026-10-25T10:00')));
  await f.reply('c03', 'agent-bo', z('2026-10-25T10:05'));
  await f.close('c03', 'agent', z('2026-10-25T10:20'));

  // c04, A: an offline message, Sunday 15:00 CET, a complaint, rated NPS only, blank comment.
  await f.chat('c04', 'site-a', 'v4', z('2026-10-25T14:00'), { kind: 'offline', queuedAt: null });
  await f.assign('c04', 'agent-ana', z('2026-10-25T15:00'));
  await f.reply('c04', 'agent-ana', z('2026-10-25T15:10'));
  await f.close('c04', 'agent', z('2026-10-25T15:20'));
  await store.updateConversation('c04', { tags: [COMPLAINT_TAG] });
  await f.rate('c04', null, 7, '   ', z('2026-10-25T15:25'));

  // c14, B: Sunday 23:30 CET (22:30Z), still queued: the 25-hour Sunday's last hour.
  await f.chat('c14', 'site-b', 'v14', z('2026-10-25T22:30'));

  // c05, B (no business hours): Monday 08:00 CET, Bo answers, transfers to Ana; a complaint.
  await f.chat('c05', 'site-b', 'v5', z('2026-10-26T07:00'));
  await f.assign('c05', 'agent-bo', z('2026-10-26T07:02'));
  await f.reply('c05', 'agent-bo', z('2026-10-26T07:05'));
  await f.assign('c05', 'agent-ana', z('2026-10-26T07:10'), 'transfer');
  await f.system('c05', z('2026-10-26T07:10'));
  await f.reply('c05', 'agent-ana', z('2026-10-26T07:12'));
  await f.close('c05', 'agent', z('2026-10-26T07:30'));
  await store.updateConversation('c05', { tags: [COMPLAINT_TAG] });
  await f.rate('c05', 2, 3, 'Za długo.', z('2026-10-26T07:31'));

  // c06, A: Monday 21:00 CET, outside hours, still open at `now`; v6 had a chat on site C.
  await f.chat('c13', 'site-c', 'v6', z('2026-10-24T06:00'));
  await f.assign('c13', 'agent-cy', z('2026-10-24T06:01'));
  await f.reply('c13', 'agent-cy', z('2026-10-24T06:02'));
  await f.close('c13', 'agent', z('2026-10-24T06:30'));
  await f.chat('c06', 'site-a', 'v6', z('2026-10-26T20:00'));
  await f.assign('c06', 'agent-ana', z('2026-10-26T20:10'));
  await f.note('c06', 'agent-ana', z('2026-10-26T20:11'));
  await f.reply('c06', 'agent-ana', z('2026-10-26T20:12'));

  // c07, A: Monday 11:00 CET, v3 again (within 72 h of c03's close), Bo.
  await f.chat('c07', 'site-a', 'v3', z('2026-10-26T10:00'));
  await f.assign('c07', 'agent-bo', z('2026-10-26T10:01'));
  await f.reply('c07', 'agent-bo', z('2026-10-26T10:04'));
  await f.close('c07', 'agent', z('2026-10-26T10:30'));
  await f.rate('c07', 4, 8, 'Ok, dzięki', z('2026-10-26T10:31'));

  // c08, A: Saturday 10:00 CEST, never rated; v8 comes back at 14:00 (c10).
  await f.chat('c08', 'site-a', 'v8', z('2026-10-24T08:00'));
  await f.assign('c08', 'agent-ana', z('2026-10-24T08:05'));
  await f.reply('c08', 'agent-ana', z('2026-10-24T08:06'));
  await f.close('c08', 'visitor', z('2026-10-24T08:20'));

  // c10, c11, c12, A: Saturday afternoon, Ana has two at once; c12 starts as they end.
  await f.chat('c10', 'site-a', 'v8', z('2026-10-24T12:00'));
  await f.assign('c10', 'agent-ana', z('2026-10-24T12:00'));
  await f.reply('c10', 'agent-ana', z('2026-10-24T12:02'));
  await f.chat('c11', 'site-a', 'v11', z('2026-10-24T12:10'));
  await f.assign('c11', 'agent-ana', z('2026-10-24T12:10'));
  await f.reply('c11', 'agent-ana', z('2026-10-24T12:15'));
  await f.chat('c12', 'site-a', 'v12', z('2026-10-24T12:19'));
  await f.close('c10', 'agent', z('2026-10-24T12:20'));
  await f.close('c11', 'agent', z('2026-10-24T12:20'));
  await f.assign('c12', 'agent-ana', z('2026-10-24T12:20'));
  await f.reply('c12', 'agent-ana', z('2026-10-24T12:21'));
  await f.close('c12', 'agent', z('2026-10-24T12:25'));
  await f.rate('c10', 5, null, ' Super ', z('2026-10-24T12:21'));
  await f.rate('c11', 1, null, 'Źle', z('2026-10-24T12:21'));
  await f.rate('c12', 3, 9, 'Średnio', z('2026-10-24T12:26'));

  // Just outside the period on both ends.
  await f.chat('c15', 'site-a', 'v15', '2026-10-23T21:59:59.999Z');
  await f.chat('c16', 'site-a', 'v16', z('2026-10-26T23:00'));
}

/** Status changes; the second "online" of Ana changes nothing and is not recorded. */
async function statusHistory(store: Store): Promise<void> {
  const changes: [string, 'online' | 'away' | 'offline', string][] = [
    ['agent-ana', 'online', z('2026-10-23T20:00')],
    ['agent-ana', 'online', z('2026-10-24T01:00')],
    ['agent-ana', 'away', z('2026-10-24T13:00')],
    ['agent-ana', 'online', z('2026-10-26T07:00')],
    ['agent-ana', 'offline', z('2026-10-26T16:00')],
    ['agent-bo', 'online', z('2026-10-25T08:00')],
    ['agent-bo', 'offline', z('2026-10-25T12:00')],
    ['agent-bo', 'online', z('2026-10-26T06:00')],
    ['agent-cy', 'online', z('2026-10-24T00:00')],
    ['agent-dee', 'away', z('2026-10-24T00:00')],
    ['agent-dee', 'online', z('2026-10-25T00:00')],
    ['agent-dee', 'away', z('2026-10-25T00:30')],
  ];
  for (const [id, status, at] of changes) await store.patchAgent(id, { status }, at);
}

/** Short names for the store calls the fixture makes. */
function fixtureActions(store: Store) {
  const append = (message: Partial<NewMessage> & { conversationId: string }) =>
    store.appendMessage(makeMessage(message.conversationId, 'Dzień dobry', message));
  return {
    chat: async (
      id: string,
      siteId: string,
      visitorId: string,
      createdAt: string,
      overrides: { kind?: 'offline'; queuedAt?: null } = {},
    ) => {
      await store.createConversation(
        makeConversation(siteId, visitorId, { id, createdAt, queuedAt: createdAt, ...overrides }),
      );
      await append({ conversationId: id, createdAt });
    },
    assign: (id: string, agentId: string, at: string, mode: AssignMode = 'take') =>
      store.assignConversation(id, agentId, { mode, at, requireOnline: false }),
    reply: (id: string, agentId: string, createdAt: string) =>
      append({ conversationId: id, author: 'agent', agentId, createdAt }),
    note: (id: string, agentId: string, createdAt: string) =>
      append({ conversationId: id, author: 'agent', agentId, internal: true, createdAt }),
    system: (id: string, createdAt: string) =>
      append({ conversationId: id, author: 'system', createdAt }),
    close: (id: string, by: ClosedBy, at: string) => store.changeConversation(id, closing(by, at)),
    rate: (
      id: string,
      csat: number | null,
      nps: number | null,
      comment: string,
      createdAt: string,
    ) => {
      const rating: Rating = { csat, nps, comment, createdAt };
      return store.updateConversation(id, { rating });
    },
  };
}
