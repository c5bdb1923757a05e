import type { ConversationSummary } from '@parley/shared';
import { formatListTime } from '../format/date-time';
import { elapsedSince, formatElapsed } from '../format/duration';
import { visitorName } from '../format/visitor-name';
import { Avatar } from './Avatar';

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
  onOpen: () => void;
}) {
  const { conversation, visitor, lastMessage } = props.row;
  const name = visitorName(visitor);
  const queued = conversation.status === 'queued' && conversation.kind === 'chat';
  const preview = lastMessage
    ? `${lastMessage.internal ? 'Note: ' : lastMessage.author === 'agent' ? 'You: ' : ''}${lastMessage.text}`
    : 'No messages yet';
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
