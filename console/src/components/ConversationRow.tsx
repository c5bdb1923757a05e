import type { ConversationSummary, Message } from '@parley/shared';
import { formatListTime } from '../format/date-time';
import { elapsedSince, formatElapsed } from '../format/duration';
import { messageSummary } from '../format/message-summary';
import { visitorName } from '../format/visitor-name';
import { Avatar } from './Avatar';
import { HighlightedText } from './HighlightedText';

/** One conversation in the inbox list: who, the latest line, and how long they have waited. */
export function ConversationRow(props: {
  row: ConversationSummary;
  selected: boolean;
  focusable: boolean;
  unread: number;
  now: number;
  siteName: string | null;
  agentName: string | null;
  meId: string;
  /** The search the row was found by: its matching message is shown, the match marked. */
  query?: string;
  onOpen: () => void;
}) {
  const { conversation, visitor, lastMessage, match } = props.row;
  const name = visitorName(visitor);
  const queued = conversation.status === 'queued' && conversation.kind === 'chat';
  const shown = (props.query && match) || lastMessage;
  const preview = shown ? (
    <>
      {authorPrefix(shown, props.meId)}
      {props.query && match ? (
        <HighlightedText text={shown.text} query={props.query} />
      ) : (
        messageSummary(shown)
      )}
    </>
  ) : (
    'No messages yet'
  );
  const assignee =
    conversation.status === 'active' && conversation.agentId !== props.meId
      ? props.agentName
      : null;

  return (
    <div
      role="option"
      aria-selected={props.selected}
      tabIndex={props.focusable ? 0 : -1}
      class={`conversation-row ${props.selected ? 'is-selected' : ''} ${props.unread ? 'is-unread' : ''}`}
      onClick={props.onOpen}
      onKeyDown={(event) => {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();
          props.onOpen();
        }
      }}
    >
      <Avatar name={name} />
      <div class="row-main">
        <div class="row-top">
          <span class="row-name">{name}</span>
          <span class="row-time">
            {formatListTime(conversation.lastMessageAt ?? conversation.createdAt, props.now)}
          </span>
        </div>
        <div class="row-preview">{preview}</div>
        <div class="row-meta">
          {queued && (
            <span class="chip chip-warning">
              Waiting{' '}
              {formatElapsed(
                elapsedSince(conversation.queuedAt ?? conversation.createdAt, props.now),
              )}
            </span>
          )}
          {conversation.status === 'closed' && conversation.rating?.csat != null && (
            <span class="chip">★ {conversation.rating.csat}/5</span>
          )}
          {assignee && <span class="chip">{assignee}</span>}
          {props.siteName && <span class="chip chip-muted">{props.siteName}</span>}
          {conversation.tags.map((tag) => (
            <span key={tag} class={`chip ${tag === 'complaint' ? 'chip-danger' : 'chip-muted'}`}>
              {tag}
            </span>
          ))}
          {props.unread > 0 && (
            <span class="unread-badge">
              {props.unread}
              <span class="sr-only"> unread</span>
            </span>
          )}
        </div>
      </div>
    </div>
  );
}

/** Who wrote the line shown: "You" only for one's own replies, a colleague by name. */
function authorPrefix(message: Message, meId: string): string {
  if (message.internal) return 'Note: ';
  if (message.author !== 'agent') return '';
  return message.agentId === meId ? 'You: ' : `${message.authorName ?? 'Agent'}: `;
}
