import type { Report, ReportFigures, ScorecardColumn } from '@parley/shared';
import { formatSeconds } from '../../format/duration';
import { formatCount, formatScore, formatShare } from '../../format/report-number';

const COLUMNS: { key: ScorecardColumn; label: string; value: (f: ReportFigures) => string }[] = [
  { key: 'conversations', label: 'Conversations', value: (f) => formatCount(f.conversations) },
  { key: 'missed', label: 'Missed', value: (f) => formatCount(f.missed) },
  {
    key: 'firstResponseMedian',
    label: 'Median first response',
    value: (f) => formatSeconds(f.firstResponse.median),
  },
  { key: 'resolutionRate', label: 'Resolution rate', value: (f) => formatShare(f.resolutionRate) },
  { key: 'complaints', label: 'Complaints', value: (f) => formatShare(f.complaints.share) },
  { key: 'csat', label: 'CSAT', value: (f) => formatShare(f.satisfaction.csat) },
  { key: 'nps', label: 'NPS', value: (f) => formatScore(f.nps.score) },
];

/** The network scorecard: a row per site, the best and worst of each column marked in words. */
export function ScorecardTable(props: { scorecard: Report['scorecard'] }) {
  const { rows, marks } = props.scorecard;
  if (rows.length === 0) return <p class="muted">No site in this report.</p>;
  return (
    <>
      <p class="muted">The best and worst site of each column are marked.</p>
      <div class="table-scroll">
        <table class="table report-table scorecard">
          <thead>
            <tr>
              <th scope="col">Site</th>
              {COLUMNS.map((column) => (
                <th scope="col" key={column.key}>
                  {column.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.siteId}>
                <th scope="row">{row.siteName}</th>
                {COLUMNS.map((column) => {
                  const best = marks[column.key].best.includes(row.siteId);
                  const worst = marks[column.key].worst.includes(row.siteId);
                  return (
                    <td key={column.key} class={best ? 'is-best' : worst ? 'is-worst' : undefined}>
                      {column.value(row.figures)}
                      {best && <span class="mark mark-best">best</span>}
                      {worst && <span class="mark mark-worst">worst</span>}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
