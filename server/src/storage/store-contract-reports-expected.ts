/**
 * What the report fixture (store-contract-reports-fixture.ts) must give, worked out by hand from
 * the rules in reports/report-aggregates.ts. Durations are in ms; "h" below is the percentile's
 * position p·(n−1) in the sorted values.
 */
import type { DurationStats, RawFigures } from '../reports/report-aggregates';
import { z } from './store-contract-reports-fixture';

export const none: DurationStats = { count: 0, medianMs: null, p90Ms: null };
export const d = (count: number, medianMs: number, p90Ms: number): DurationStats => ({
  count,
  medianMs,
  p90Ms,
});

export const ZERO: RawFigures = {
  conversations: 0,
  chats: 0,
  offlineMessages: 0,
  missed: 0,
  queueTime: none,
  firstResponse: none,
  handling: none,
  resolution: none,
  closed: 0,
  resolved: 0,
  reopened: 0,
  complaints: 0,
  complaintTimeToClose: none,
  asked: 0,
  ratings: 0,
  csatAnswers: 0,
  csatSatisfied: 0,
  csatSum: 0,
  npsResponses: 0,
  promoters: 0,
  passives: 0,
  detractors: 0,
  returning: 0,
};
/** Figures that are zero (or empty) except the ones given. */
export const figures = (given: Partial<RawFigures>): RawFigures => ({ ...ZERO, ...given });

/** A heatmap with the given [weekday, hour, count] cells. */
export function heatmap(cells: [number, number, number][]): number[][] {
  const rows = Array.from({ length: 7 }, () => Array<number>(24).fill(0));
  for (const [weekday, hour, count] of cells) rows[weekday]![hour] = count;
  return rows;
}

/*
 * In scope: c01 c08 c10 c11 c12 (Saturday), c02 c03 c04 c14 (Sunday), c05 c06 c07 (Monday).
 * Out: c09, c16 (after `to`), c15 (1 ms before `from`), c13 (site C).
 * Per conversation, plain time (business time of site A where it differs):
 *   queue: c01 1 800 000 (30 min), c05 120 000, c06 600 000 (business 0: Monday 21:00 is closed),
 *     c07 60 000, c08 300 000, c10 0, c11 0, c12 60 000; c02 c03 missed, c04 offline, c14 unassigned.
 *   first response: c01 25 200 000 (21:00Z→04:00Z; business 21 600 000: Saturday's 22:00–04:00
 *     range is 20:00Z–03:00Z), c05 300 000 (Bo's reply; the transfer changes nothing),
 *     c06 720 000 (the note at 20:11 does not count; business 0), c07 240 000, c08 360 000,
 *     c10 120 000, c11 300 000, c12 120 000 (c01's system line and note do not count).
 *   handling: c01 25 200 000, c03 1 200 000 (from the follow-up), c04 1 200 000, c05 1 680 000
 *     (from Bo's first assignment), c07 1 740 000, c08 900 000, c10 1 200 000, c11 600 000,
 *     c12 300 000.
 *   resolution: c01 27 000 000, c03 3 000 000 (from its queuing), c04 4 800 000 (from creation:
 *     no queue), c05 1 800 000, c07 1 800 000, c08 1 200 000, c10 1 200 000, c11 600 000,
 *     c12 360 000.
 *   not resolved: c03 (v3 back in c07 within 72 h), c08 (v8 back in c10); c01 is resolved (v1
 *     back in c09 after 72 h); c02 unanswered, c06 c14 open.
 *   returning: c06 (v6 had c13 on site C), c07 (v3), c10 (v8).
 *   asked (closed answered chats of site A): c01 c07 c08 c10 c11 c12.
 *   ratings (csat, nps): c01 (5, 10), c04 (–, 7), c05 (2, 3), c07 (4, 8), c10 (5, –),
 *     c11 (1, –), c12 (3, 9); c08 never rated.
 */
export const SATURDAY = figures({
  conversations: 5,
  chats: 5,
  // 0 0 60000 300000 1800000: h(0.9) = 3.6 → 300000 + 0.6·1500000
  queueTime: d(5, 60_000, 1_200_000),
  // 120000 120000 300000 360000 25200000: 360000 + 0.6·24840000
  firstResponse: d(5, 300_000, 15_264_000),
  // 300000 600000 900000 1200000 25200000
  handling: d(5, 900_000, 15_600_000),
  // 360000 600000 1200000 1200000 27000000
  resolution: d(5, 1_200_000, 16_680_000),
  closed: 5,
  resolved: 4,
  asked: 5,
  ratings: 4,
  csatAnswers: 4,
  csatSatisfied: 2,
  csatSum: 14,
  npsResponses: 2,
  promoters: 2,
  returning: 1,
});
export const SUNDAY = figures({
  conversations: 4,
  chats: 3,
  offlineMessages: 1,
  missed: 2,
  handling: d(2, 1_200_000, 1_200_000),
  // 3000000 4800000: h(0.9) = 0.9 → 3000000 + 0.9·1800000
  resolution: d(2, 3_900_000, 4_620_000),
  closed: 3,
  resolved: 1,
  reopened: 1,
  complaints: 1,
  complaintTimeToClose: d(1, 4_800_000, 4_800_000),
  ratings: 1,
  npsResponses: 1,
  passives: 1,
});
export const MONDAY = figures({
  conversations: 3,
  chats: 3,
  // 60000 120000 600000: h(0.9) = 1.8 → 120000 + 0.8·480000
  queueTime: d(3, 120_000, 504_000),
  // 240000 300000 720000
  firstResponse: d(3, 300_000, 636_000),
  // 1680000 1740000
  handling: d(2, 1_710_000, 1_734_000),
  resolution: d(2, 1_800_000, 1_800_000),
  closed: 2,
  resolved: 2,
  complaints: 1,
  complaintTimeToClose: d(1, 1_800_000, 1_800_000),
  asked: 1,
  ratings: 2,
  csatAnswers: 2,
  csatSatisfied: 1,
  csatSum: 6,
  npsResponses: 2,
  passives: 1,
  detractors: 1,
  returning: 2,
});
export const SITE_A = figures({
  conversations: 9,
  chats: 8,
  offlineMessages: 1,
  missed: 1,
  // 0 0 60000 60000 300000 600000 1800000: h(0.9) = 5.4 → 600000 + 0.4·1200000
  queueTime: d(7, 60_000, 1_080_000),
  // 120000 120000 240000 300000 360000 720000 25200000
  firstResponse: d(7, 300_000, 10_512_000),
  // 300000 600000 900000 1200000 1200000 1740000 25200000
  handling: d(7, 1_200_000, 11_124_000),
  // 360000 600000 1200000 1200000 1800000 4800000 27000000
  resolution: d(7, 1_200_000, 13_680_000),
  closed: 8,
  resolved: 6,
  complaints: 1,
  complaintTimeToClose: d(1, 4_800_000, 4_800_000),
  asked: 6,
  ratings: 6,
  csatAnswers: 5,
  csatSatisfied: 3,
  csatSum: 18,
  npsResponses: 4,
  promoters: 2,
  passives: 2,
  returning: 3,
});
export const SITE_B = figures({
  conversations: 3,
  chats: 3,
  missed: 1,
  queueTime: d(1, 120_000, 120_000),
  firstResponse: d(1, 300_000, 300_000),
  // 1200000 1680000
  handling: d(2, 1_440_000, 1_632_000),
  // 1800000 3000000
  resolution: d(2, 2_400_000, 2_880_000),
  closed: 2,
  resolved: 1,
  reopened: 1,
  complaints: 1,
  complaintTimeToClose: d(1, 1_800_000, 1_800_000),
  ratings: 1,
  csatAnswers: 1,
  csatSum: 2,
  npsResponses: 1,
  detractors: 1,
});
export const TOTALS = figures({
  conversations: 12,
  chats: 11,
  offlineMessages: 1,
  missed: 2,
  // 0 0 60000 60000 120000 300000 600000 1800000: h(0.5) = 3.5, h(0.9) = 6.3 → 600000 + 0.3·1200000
  queueTime: d(8, 90_000, 960_000),
  // 120000 120000 240000 300000 300000 360000 720000 25200000: 720000 + 0.3·24480000
  firstResponse: d(8, 300_000, 8_064_000),
  // 300000 600000 900000 1200000 1200000 1200000 1680000 1740000 25200000: h(0.9) = 7.2
  handling: d(9, 1_200_000, 6_432_000),
  // 360000 600000 1200000 1200000 1800000 1800000 3000000 4800000 27000000
  resolution: d(9, 1_800_000, 9_240_000),
  closed: 10,
  resolved: 7,
  reopened: 1,
  complaints: 2,
  // 1800000 4800000
  complaintTimeToClose: d(2, 3_300_000, 4_500_000),
  asked: 6,
  ratings: 7,
  csatAnswers: 6,
  csatSatisfied: 3,
  csatSum: 20,
  npsResponses: 5,
  promoters: 2,
  passives: 2,
  detractors: 1,
  returning: 3,
});

/*
 * Agents: Ana and Bo serve the scope's sites and hold its conversations, Dee serves site B and was
 * online; Cy serves only site C, Eve did nothing.
 * Ana: c01 c04 c05 c06 c08 c10 c11 c12. Her chats: c08 08:05–08:20, c10 12:00–12:20,
 *   c11 12:10–12:20, c12 12:20–12:25 (opens as the others close: not three at once), c01
 *   21:30–04:30, c05 07:02–07:30, c06 20:10–now (clipped at `to`, 23:00Z): chatting 900000 +
 *   1500000 + 25200000 + 1680000 + 10200000. Replies: one in each of her 8 (notes do not count).
 *   Online: from `from` to 13:00Z Saturday (15 h) and 07:00Z–16:00Z Monday (9 h).
 * Bo: c03 c07; chats c03 10:00–10:20 (a followed-up missed chat is still a chat), c07 10:01–10:30;
 *   replies in c03, c05 and c07; online 08:00Z–12:00Z Sunday and 06:00Z Monday to `to`.
 * Dee: online 00:00Z–00:30Z Sunday.
 */
export const ANA = {
  agentId: 'agent-ana',
  handled: 8,
  peakConcurrent: 2,
  messagesSent: 8,
  // 120000 120000 300000 300000 360000 720000 25200000
  firstResponse: d(7, 300_000, 10_512_000),
  csatAnswers: 5,
  csatSatisfied: 2,
  onlineMs: 86_400_000,
  chattingMs: 39_480_000,
};
export const BO = {
  agentId: 'agent-bo',
  handled: 2,
  peakConcurrent: 1,
  messagesSent: 3,
  firstResponse: d(1, 240_000, 240_000),
  csatAnswers: 1,
  csatSatisfied: 1,
  onlineMs: 75_600_000,
  chattingMs: 2_940_000,
};
export const DEE = {
  agentId: 'agent-dee',
  handled: 0,
  peakConcurrent: 0,
  messagesSent: 0,
  firstResponse: none,
  csatAnswers: 0,
  csatSatisfied: 0,
  onlineMs: 1_800_000,
  chattingMs: 0,
};

const comment = (
  conversationId: string,
  siteId: string,
  agentId: string,
  csat: number | null,
  nps: number | null,
  text: string,
  createdAt: string,
) => ({ conversationId, siteId, agentId, csat, nps, comment: text, createdAt });
// Newest first; c10 and c11 were rated at the same instant: by id. c04's blank comment is left out.
export const COMMENTS = [
  comment('c07', 'site-a', 'agent-bo', 4, 8, 'Ok, dzięki', z('2026-10-26T10:31')),
  comment('c05', 'site-b', 'agent-ana', 2, 3, 'Za długo.', z('2026-10-26T07:31')),
  comment('c01', 'site-a', 'agent-ana', 5, 10, 'Dziękuję!', z('2026-10-25T04:35')),
  comment('c12', 'site-a', 'agent-ana', 3, 9, 'Średnio', z('2026-10-24T12:26')),
  comment('c10', 'site-a', 'agent-ana', 5, null, ' Super ', z('2026-10-24T12:21')),
  comment('c11', 'site-a', 'agent-ana', 1, null, 'Źle', z('2026-10-24T12:21')),
];

// Local weekday and hour: Saturday 10, 14 ×3, 23; Sunday 10 ×2, 15, 23 (CET); Monday 8, 11, 21.
export const HEATMAP = heatmap([
  [6, 10, 1],
  [6, 14, 3],
  [6, 23, 1],
  [0, 10, 2],
  [0, 15, 1],
  [0, 23, 1],
  [1, 8, 1],
  [1, 11, 1],
  [1, 21, 1],
]);
