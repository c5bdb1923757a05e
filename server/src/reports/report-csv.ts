/** The tables of a report as CSV (RFC 4180), one per `table=`, for spreadsheets. */
import type { Report, ReportFigures } from '@parley/shared';

export type ReportTable = 'trend' | 'agents' | 'scorecard' | 'comments' | 'heatmap';

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** The columns every per-slice table (trend, scorecard) shares. */
const FIGURE_COLUMNS: Array<[string, (f: ReportFigures) => Cell]> = [
  ['conversations', (f) => f.conversations],
  ['chats', (f) => f.chats],
  ['offline messages', (f) => f.offlineMessages],
  ['missed', (f) => f.missed],
  ['median time in queue (s)', (f) => f.queueTime.median],
  ['median first response (s)', (f) => f.firstResponse.median],
  ['p90 first response (s)', (f) => f.firstResponse.p90],
  ['median handling (s)', (f) => f.handling.median],
  ['median resolution (s)', (f) => f.resolution.median],
  ['resolution rate', (f) => f.resolutionRate],
  ['reopened', (f) => f.reopened],
  ['complaints', (f) => f.complaints.count],
  ['complaint share', (f) => f.complaints.share],
  ['CSAT', (f) => f.satisfaction.csat],
  ['average rating', (f) => f.satisfaction.averageRating],
  ['rating response rate', (f) => f.satisfaction.responseRate],
  ['NPS', (f) => f.nps.score],
  ['promoters', (f) => f.nps.promoters],
  ['passives', (f) => f.nps.passives],
  ['detractors', (f) => f.nps.detractors],
  ['returning share', (f) => f.returning.share],
];

type Cell = string | number | null;

export function reportCsv(report: Report, table: ReportTable): string {
  const figureHeader = FIGURE_COLUMNS.map(([name]) => name);
  const figureCells = (figures: ReportFigures) => FIGURE_COLUMNS.map(([, cell]) => cell(figures));
  switch (table) {
    case 'trend':
      return csv(
        ['date', ...figureHeader],
        report.trend.map((day) => [day.date, ...figureCells(day.figures)]),
      );
    case 'scorecard':
      return csv(
        ['site id', 'site', ...figureHeader],
        report.scorecard.rows.map((row) => [row.siteId, row.siteName, ...figureCells(row.figures)]),
      );
    case 'agents':
      return csv(
        [
          'agent id',
          'agent',
          'handled',
          'peak concurrent chats',
          'replies sent',
          'median first response (s)',
          'CSAT',
          'time online (s)',
          'time chatting (s)',
          'utilisation',
        ],
        report.agents.map((agent) => [
          agent.agentId,
          agent.name,
          agent.handled,
          agent.peakConcurrent,
          agent.messagesSent,
          agent.firstResponse.median,
          agent.csat,
          agent.timeOnline,
          agent.timeChatting,
          agent.utilisation,
        ]),
      );
    case 'comments':
      return csv(
        ['conversation id', 'site id', 'agent id', 'CSAT', 'NPS', 'comment', 'rated at'],
        report.comments.map((comment) => [
          comment.conversationId,
          comment.siteId,
          comment.agentId,
          comment.csat,
          comment.nps,
          comment.comment,
          comment.createdAt,
        ]),
      );
    case 'heatmap':
      return csv(
        ['weekday', ...Array.from({ length: 24 }, (_, hour) => `${hour}:00`)],
        report.heatmap.map((hours, weekday) => [WEEKDAYS[weekday]!, ...hours]),
      );
  }
}

function csv(header: string[], rows: Cell[][]): string {
  return [header, ...rows].map((row) => row.map(field).join(',')).join('\r\n') + '\r\n';
}

/** Quoted when needed; a leading =, +, - or @ is defused so no spreadsheet runs it as a formula. */
function field(value: Cell): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
