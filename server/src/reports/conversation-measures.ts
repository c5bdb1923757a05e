/**
 * What one conversation contributes to a report, by the README's definitions. The embedded store
 * tallies these; PostgreSQL computes the same rules in SQL (storage/postgres-report.ts), and the
 * store contract checks that both agree on fixtures.
 */
import { COMPLAINT_TAG, MISSED_TAG, type BusinessHours, type Conversation } from '@parley/shared';
import { businessMs } from './business-time';
import type { ReportScope } from './report-aggregates';

export interface ConversationMeasures {
  isChat: boolean;
  missed: boolean;
  complaint: boolean;
  closed: boolean;
  reopened: boolean;
  asked: boolean;
  queueMs: number | null;
  firstResponseMs: number | null;
  handlingMs: number | null;
  resolutionMs: number | null;
  complaintCloseMs: number | null;
}

export function measure(conversation: Conversation, scope: ReportScope): ConversationMeasures {
  const { tags, status, assignedAt, firstResponseAt, closedAt } = conversation;
  const missed = tags.includes(MISSED_TAG);
  const complaint = tags.includes(COMPLAINT_TAG);
  // A missed chat answered later turns into a message to answer; reports still count it a chat.
  const isChat = conversation.kind === 'chat' || missed;
  const closed = status === 'closed' && closedAt !== null;
  const waitedFrom = Date.parse(conversation.queuedAt ?? conversation.createdAt);
  const hours = scope.businessHours?.[conversation.siteId];
  const answeredLive = isChat && !missed;
  const closedMs = closed ? Date.parse(closedAt) : 0;
  return {
    isChat,
    missed,
    complaint,
    closed,
    reopened: missed && firstResponseAt !== null,
    asked: closed && answeredLive && scope.ratingSiteIds.includes(conversation.siteId),
    queueMs: answeredLive && assignedAt ? waited(hours, waitedFrom, assignedAt) : null,
    firstResponseMs:
      answeredLive && firstResponseAt ? waited(hours, waitedFrom, firstResponseAt) : null,
    handlingMs: closed && assignedAt ? Math.max(0, closedMs - Date.parse(assignedAt)) : null,
    resolutionMs: closed && firstResponseAt ? Math.max(0, closedMs - waitedFrom) : null,
    complaintCloseMs:
      closed && complaint ? Math.max(0, closedMs - Date.parse(conversation.createdAt)) : null,
  };
}

/** A wait until `until`, inside business hours when the site has them and the report asks. */
function waited(hours: BusinessHours | undefined, from: number, until: string): number {
  const end = Date.parse(until);
  return hours ? businessMs(hours, from, end) : Math.max(0, end - from);
}
