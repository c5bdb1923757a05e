import type { ReportFigures } from '@parley/shared';
import { formatSeconds } from '../../format/duration';
import { formatCount, formatRating, formatScore, formatShare } from '../../format/report-number';

interface Card {
  key: string;
  label: string;
  value: string;
  detail: string;
}

/** The period's headline figures, one card each; a card is a group named by its figure. */
export function HeadlineCards(props: { figures: ReportFigures }) {
  return (
    <div class="report-cards">
      {cards(props.figures).map((card) => (
        <div class="report-card" role="group" aria-labelledby={`card-${card.key}`} key={card.key}>
          <span class="report-card-label" id={`card-${card.key}`}>
            {card.label}
          </span>
          <strong class="report-card-value">{card.value}</strong>
          <span class="report-card-detail">{card.detail}</span>
        </div>
      ))}
    </div>
  );
}

function cards(f: ReportFigures): Card[] {
  const plural = (count: number, one: string, many: string) =>
    `${formatCount(count)} ${count === 1 ? one : many}`;
  return [
    {
      key: 'conversations',
      label: 'Conversations',
      value: formatCount(f.conversations),
      detail: `${plural(f.chats, 'chat', 'chats')} · ${plural(f.offlineMessages, 'offline message', 'offline messages')}`,
    },
    {
      key: 'missed',
      label: 'Missed chats',
      value: formatCount(f.missed),
      detail: `${formatCount(f.reopened)} followed up`,
    },
    {
      key: 'first-response',
      label: 'Median first response',
      value: formatSeconds(f.firstResponse.median),
      detail: `90th percentile ${formatSeconds(f.firstResponse.p90)}`,
    },
    {
      key: 'queue',
      label: 'Median time in queue',
      value: formatSeconds(f.queueTime.median),
      detail: `90th percentile ${formatSeconds(f.queueTime.p90)}`,
    },
    {
      key: 'resolution-time',
      label: 'Median resolution time',
      value: formatSeconds(f.resolution.median),
      detail: `Handling ${formatSeconds(f.handling.median)}`,
    },
    {
      key: 'resolution-rate',
      label: 'Resolution rate',
      value: formatShare(f.resolutionRate),
      detail: `${formatCount(f.resolved)} of ${plural(f.closed, 'closed', 'closed')}`,
    },
    {
      key: 'complaints',
      label: 'Complaints',
      value: formatShare(f.complaints.share),
      detail: `${plural(f.complaints.count, 'conversation', 'conversations')}`,
    },
    {
      key: 'csat',
      label: 'CSAT',
      value: formatShare(f.satisfaction.csat),
      detail: `Average ${formatRating(f.satisfaction.averageRating)} · ${formatShare(f.satisfaction.responseRate)} answered`,
    },
    {
      key: 'nps',
      label: 'NPS',
      value: formatScore(f.nps.score),
      detail: `${formatCount(f.nps.promoters)} promoters · ${formatCount(f.nps.passives)} passives · ${formatCount(f.nps.detractors)} detractors`,
    },
    {
      key: 'returning',
      label: 'Returning visitors',
      value: formatShare(f.returning.share),
      detail: plural(f.returning.count, 'conversation', 'conversations'),
    },
  ];
}
