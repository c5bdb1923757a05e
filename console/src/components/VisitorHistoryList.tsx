import type { ConversationSummary } from '@parley/shared';
import { formatDate } from '../format/date-time';

/** Earlier conversations of the same visitor, with how they were rated. */
export function VisitorHistoryList(props: {
  items: ConversationSummary[];
  loading: boolean;
  onOpen: (conversationId: string) => void;
}) {
  if (props.loading && props.items.length === 0) return <p class="muted">Loading…</p>;
  if (props.items.length === 0) return <p class="muted">This is their first conversation.</p>;
  return (
    <ul class="history">
      {props.items.map(({ conversation }) => {
        const rating = conversation.rating;
        return (
          <li key={conversation.id}>
            <button
              type="button"
              class="history-item"
              onClick={() => props.onOpen(conversation.id)}
            >
              <span class="history-date">{formatDate(conversation.createdAt)}</span>
              <span class="history-status">
                {conversation.kind === 'offline'
                  ? 'Offline message'
                  : statusText(conversation.status)}
              </span>
              <span class="history-rating">
                {rating?.csat != null
                  ? `★ ${rating.csat}/5`
                  : rating?.nps != null
                    ? ''
                    : 'Not rated'}
                {rating?.nps != null ? ` · NPS ${rating.nps}` : ''}
              </span>
            </button>
            {rating?.comment && <p class="history-comment">“{rating.comment}”</p>}
          </li>
        );
      })}
    </ul>
  );
}

function statusText(status: 'queued' | 'active' | 'closed'): string {
  switch (status) {
    case 'queued':
      return 'Waiting';
    case 'active':
      return 'Open';
    case 'closed':
      return 'Closed';
  }
}
