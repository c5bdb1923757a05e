/**
 * Contract cases for `reportAggregates` on the fixture of store-contract-reports-fixture.ts: both
 * stores must give exactly the figures of store-contract-reports-expected.ts.
 */
import { expect, it } from 'vitest';
import type { ReportAggregates, ReportScope } from '../reports/report-aggregates';
import type { ContractContext } from './store-contract-context';
import {
  ANA,
  BO,
  COMMENTS,
  d,
  DEE,
  figures,
  heatmap,
  HEATMAP,
  MONDAY,
  none,
  SATURDAY,
  SITE_A,
  SITE_B,
  SUNDAY,
  TOTALS,
  ZERO,
} from './store-contract-reports-expected';
import {
  buildReportFixture,
  REPORT_SCOPE,
  SITE_A_HOURS,
  z,
} from './store-contract-reports-fixture';
import { makeAgent, makeSite } from './store-contract-fixtures';

/** bySite is "in any order": compare it sorted. */
function comparable(aggregates: ReportAggregates): ReportAggregates {
  const bySite = [...aggregates.bySite].sort((a, b) => (a.siteId < b.siteId ? -1 : 1));
  return { ...aggregates, bySite };
}

/** Registers the cases; call inside a `describe`. */
export function reportsContract(ctx: ContractContext): void {
  const report = async (scope: Partial<ReportScope> = {}) =>
    comparable(await ctx.store().reportAggregates({ ...REPORT_SCOPE, ...scope }));

  it('a report counts every figure of the period by the rules, in plain time', async () => {
    await buildReportFixture(ctx.store());
    expect(await report()).toEqual({
      totals: TOTALS,
      byDay: [
        { date: '2026-10-24', figures: SATURDAY },
        { date: '2026-10-25', figures: SUNDAY },
        { date: '2026-10-26', figures: MONDAY },
      ],
      bySite: [
        { siteId: 'site-a', figures: SITE_A },
        { siteId: 'site-b', figures: SITE_B },
      ],
      heatmap: HEATMAP,
      agents: [ANA, BO, DEE],
      comments: COMMENTS,
    });
  });

  it('in business hours only, waiting and first response count only open time', async () => {
    await buildReportFixture(ctx.store());
    // Only c01 (first response 21 600 000) and c06 (queue and first response 0) change.
    const withHours = await report({ businessHours: { 'site-a': SITE_A_HOURS } });
    expect(withHours).toEqual({
      totals: {
        ...TOTALS,
        // 0 0 0 60000 60000 120000 300000 1800000: 300000 + 0.3·1500000
        queueTime: d(8, 60_000, 750_000),
        // 0 120000 120000 240000 300000 300000 360000 21600000: 360000 + 0.3·21240000
        firstResponse: d(8, 270_000, 6_732_000),
      },
      byDay: [
        // 120000 120000 300000 360000 21600000: 360000 + 0.6·21240000
        { date: '2026-10-24', figures: { ...SATURDAY, firstResponse: d(5, 300_000, 13_104_000) } },
        { date: '2026-10-25', figures: SUNDAY },
        {
          date: '2026-10-26',
          figures: {
            ...MONDAY,
            // 0 60000 120000 and 0 240000 300000
            queueTime: d(3, 60_000, 108_000),
            firstResponse: d(3, 240_000, 288_000),
          },
        },
      ],
      bySite: [
        {
          siteId: 'site-a',
          figures: {
            ...SITE_A,
            // 0 0 0 60000 60000 300000 1800000 and 0 120000 120000 240000 300000 360000 21600000
            queueTime: d(7, 60_000, 900_000),
            firstResponse: d(7, 240_000, 8_856_000),
          },
        },
        { siteId: 'site-b', figures: SITE_B },
      ],
      heatmap: HEATMAP,
      // 0 120000 120000 300000 300000 360000 21600000
      agents: [{ ...ANA, firstResponse: d(7, 300_000, 8_856_000) }, BO, DEE],
      comments: COMMENTS,
    });
  });

  it("a report of one agent counts only that agent's conversations and row", async () => {
    await buildReportFixture(ctx.store());
    // c03 (Sunday, site B, missed then followed up) and c07 (Monday, site A).
    const c03 = figures({
      conversations: 1,
      chats: 1,
      missed: 1,
      handling: d(1, 1_200_000, 1_200_000),
      resolution: d(1, 3_000_000, 3_000_000),
      closed: 1,
      reopened: 1,
    });
    const c07 = figures({
      conversations: 1,
      chats: 1,
      queueTime: d(1, 60_000, 60_000),
      firstResponse: d(1, 240_000, 240_000),
      handling: d(1, 1_740_000, 1_740_000),
      resolution: d(1, 1_800_000, 1_800_000),
      closed: 1,
      resolved: 1,
      asked: 1,
      ratings: 1,
      csatAnswers: 1,
      csatSatisfied: 1,
      csatSum: 4,
      npsResponses: 1,
      passives: 1,
      returning: 1,
    });
    expect(await report({ agentId: 'agent-bo' })).toEqual({
      totals: figures({
        conversations: 2,
        chats: 2,
        missed: 1,
        queueTime: d(1, 60_000, 60_000),
        firstResponse: d(1, 240_000, 240_000),
        // 1200000 1740000 and 1800000 3000000
        handling: d(2, 1_470_000, 1_686_000),
        resolution: d(2, 2_400_000, 2_880_000),
        closed: 2,
        resolved: 1,
        reopened: 1,
        asked: 1,
        ratings: 1,
        csatAnswers: 1,
        csatSatisfied: 1,
        csatSum: 4,
        npsResponses: 1,
        passives: 1,
        returning: 1,
      }),
      byDay: [
        { date: '2026-10-25', figures: c03 },
        { date: '2026-10-26', figures: c07 },
      ],
      bySite: [
        { siteId: 'site-a', figures: c07 },
        { siteId: 'site-b', figures: c03 },
      ],
      heatmap: heatmap([
        [0, 10, 1],
        [1, 11, 1],
      ]),
      // c05 is Ana's now: Bo's reply there is outside this scope.
      agents: [{ ...BO, messagesSent: 2 }],
      comments: [COMMENTS[0]],
    });
  });

  it('a period without conversations gives zeros, an empty heatmap and only online time', async () => {
    await buildReportFixture(ctx.store());
    const empty = await report({
      from: z('2026-11-01T00:00'),
      to: z('2026-11-02T00:00'),
      now: z('2026-11-03T00:00'),
    });
    // Bo went online on Monday 26 and never changed since: the whole day.
    expect(empty).toEqual({
      totals: ZERO,
      byDay: [],
      bySite: [],
      heatmap: heatmap([]),
      agents: [
        {
          ...BO,
          handled: 0,
          peakConcurrent: 0,
          messagesSent: 0,
          firstResponse: none,
          csatAnswers: 0,
          csatSatisfied: 0,
          onlineMs: 86_400_000,
          chattingMs: 0,
        },
      ],
      comments: [],
    });
  });

  it('the status history records only real changes, and changes at once all land', async () => {
    const store = ctx.store();
    const site = await store.createSite(makeSite());
    const scope: ReportScope = {
      ...REPORT_SCOPE,
      siteIds: [site.id],
      from: z('2026-10-01T00:00'),
      to: z('2026-10-02T00:00'),
      timeZone: 'UTC',
    };
    // Created online, but no change was recorded: counted offline until the first change.
    const quiet = await store.createAgent(makeAgent({ id: 'agent-1', siteIds: [site.id] }));
    await store.patchAgent(quiet.id, { status: 'online' }, z('2026-10-01T01:00'));
    await store.patchAgent(quiet.id, { name: 'Ana Nowak' }, z('2026-10-01T02:00'));
    await store.patchAgent(quiet.id, { status: 'away' }, z('2026-10-01T03:00'));
    await store.patchAgent(quiet.id, { status: 'online' }, z('2026-10-01T04:00'));
    await store.patchAgent(quiet.id, { status: 'online' }, z('2026-10-01T05:00'));
    await store.patchAgent(quiet.id, { status: 'offline' }, z('2026-10-01T06:00'));
    // Only 04:00–06:00 online.
    expect((await store.reportAggregates(scope)).agents).toEqual([
      expect.objectContaining({ agentId: quiet.id, onlineMs: 7_200_000 }),
    ]);

    // Each round: online since 10:00, then "away at 11:00" and "online at 12:00" at once. Whichever
    // lands last decides the stored status, and the history must agree with it: online at the end
    // means away only 11:00–12:00 (13 h online of the day); away at the end means the 12:00 change
    // came first and changed nothing (1 h online).
    const ids = Array.from({ length: 12 }, (_, i) => `agent-race-${String(i).padStart(2, '0')}`);
    for (const id of ids) {
      await store.createAgent(makeAgent({ id, siteIds: [site.id], status: 'offline' }));
      await store.patchAgent(id, { status: 'online' }, z('2026-10-01T10:00'));
    }
    await Promise.all(
      ids.flatMap((id) => [
        store.patchAgent(id, { status: 'away' }, z('2026-10-01T11:00')),
        store.patchAgent(id, { status: 'online' }, z('2026-10-01T12:00')),
      ]),
    );
    const online = new Map(
      (await store.reportAggregates(scope)).agents.map((agent) => [agent.agentId, agent.onlineMs]),
    );
    for (const id of ids) {
      const status = (await store.getAgent(id))!.status;
      expect({ id, onlineMs: online.get(id) }).toEqual({
        id,
        onlineMs: status === 'online' ? 13 * 3_600_000 : 3_600_000,
      });
    }
  });
}
