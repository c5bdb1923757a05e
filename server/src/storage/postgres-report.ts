/**
 * `Store.reportAggregates` on PostgreSQL: four aggregate statements (postgres-report-sql.ts) in one
 * read-only snapshot, so the totals, the agents and the comments describe the same moment.
 */
import type { RatingComment } from '@parley/shared';
import { EMPTY_FIGURES } from '../reports/assemble-report';
import {
  roundPercentileMs,
  type DurationStats,
  type RawAgentWorkload,
  type RawFigures,
  type ReportAggregates,
  type ReportScope,
} from '../reports/report-aggregates';
import type { PostgresDatabase } from './postgres-database';
import {
  commentsSql,
  figuresSql,
  heatmapSql,
  workloadSql,
  type ReportParams,
} from './postgres-report-sql';
import { json } from './postgres-rows';

/** A row of figuresSql: the slice it belongs to, then one column per figure. */
type FiguresRow = {
  slice: 'total' | 'day' | 'site' | 'agent';
  day: string | null;
  site_id: string | null;
  agent_id: string | null;
} & Record<string, number | null>;

interface WorkloadRow {
  agent_id: string;
  messages_sent: number;
  peak_concurrent: number;
  chatting_ms: number;
  online_ms: number;
}

interface CommentRow {
  conversation_id: string;
  site_id: string;
  agent_id: string | null;
  csat: number | null;
  nps: number | null;
  comment: string;
  created_at: string;
}

/** The report figures of `scope`, from schema `s` (quoted). */
export async function reportAggregates(
  db: PostgresDatabase,
  s: string,
  scope: ReportScope,
): Promise<ReportAggregates> {
  const params: ReportParams = [
    scope.siteIds,
    scope.agentId,
    scope.from,
    scope.to,
    scope.timeZone,
    json(scope.businessHours),
    scope.ratingSiteIds,
    scope.now,
  ];
  const rows = await db.transaction(async (client) => {
    await client.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    const run = async <R extends object>(sql: string) =>
      (await client.query<R & Record<string, unknown>>(sql, params)).rows;
    return {
      figures: await run<FiguresRow>(figuresSql(s)),
      heatmap: await run<{ weekday: number; hour: number; conversations: number }>(heatmapSql(s)),
      workload: await run<WorkloadRow>(workloadSql(s)),
      comments: await run<CommentRow>(commentsSql(s)),
    };
  });

  const heatmap = Array.from({ length: 7 }, () => Array<number>(24).fill(0));
  for (const cell of rows.heatmap) heatmap[cell.weekday]![cell.hour] = cell.conversations;

  const total = rows.figures.find((row) => row.slice === 'total');
  const byAgent = new Map(
    rows.figures.filter((row) => row.slice === 'agent').map((row) => [row.agent_id, row]),
  );
  return {
    totals: total ? figuresOf(total) : EMPTY_FIGURES,
    byDay: rows.figures
      .filter((row) => row.slice === 'day')
      .sort((a, b) => (a.day! < b.day! ? -1 : 1))
      .map((row) => ({ date: row.day!, figures: figuresOf(row) })),
    bySite: rows.figures
      .filter((row) => row.slice === 'site')
      .map((row) => ({ siteId: row.site_id!, figures: figuresOf(row) })),
    heatmap,
    agents: rows.workload
      .map((row) => workloadOf(row, byAgent.get(row.agent_id)))
      .filter((agent) => agent.handled > 0 || agent.messagesSent > 0 || agent.onlineMs > 0),
    comments: rows.comments.map(commentOf),
  };
}

/** The figures of a scope without conversations (GROUPING SETS gives no total row then). */

function statsOf(row: FiguresRow, name: string): DurationStats {
  return {
    count: row[`${name}_count`] ?? 0,
    medianMs: roundPercentileMs(row[`${name}_median`] ?? null),
    p90Ms: roundPercentileMs(row[`${name}_p90`] ?? null),
  };
}

function figuresOf(row: FiguresRow): RawFigures {
  const n = (column: string) => row[column] ?? 0;
  return {
    conversations: n('conversations'),
    chats: n('chats'),
    offlineMessages: n('offline_messages'),
    missed: n('missed'),
    queueTime: statsOf(row, 'queue'),
    firstResponse: statsOf(row, 'first_response'),
    handling: statsOf(row, 'handling'),
    resolution: statsOf(row, 'resolution'),
    closed: n('closed'),
    resolved: n('resolved'),
    reopened: n('reopened'),
    complaints: n('complaints'),
    complaintTimeToClose: statsOf(row, 'complaint'),
    asked: n('asked'),
    ratings: n('ratings'),
    csatAnswers: n('csat_answers'),
    csatSatisfied: n('csat_satisfied'),
    csatSum: n('csat_sum'),
    npsResponses: n('nps_responses'),
    promoters: n('promoters'),
    passives: n('passives'),
    detractors: n('detractors'),
    returning: n('returning_visitors'),
  };
}

function workloadOf(row: WorkloadRow, figures: FiguresRow | undefined): RawAgentWorkload {
  return {
    agentId: row.agent_id,
    handled: figures?.conversations ?? 0,
    peakConcurrent: row.peak_concurrent,
    messagesSent: row.messages_sent,
    firstResponse: figures
      ? statsOf(figures, 'first_response')
      : { count: 0, medianMs: null, p90Ms: null },
    csatAnswers: figures?.csat_answers ?? 0,
    csatSatisfied: figures?.csat_satisfied ?? 0,
    onlineMs: row.online_ms,
    chattingMs: row.chatting_ms,
  };
}

function commentOf(row: CommentRow): RatingComment {
  return {
    conversationId: row.conversation_id,
    siteId: row.site_id,
    agentId: row.agent_id,
    csat: row.csat,
    nps: row.nps,
    comment: row.comment,
    createdAt: row.created_at,
  };
}
