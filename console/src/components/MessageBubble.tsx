import type { Message } from '@parley/shared';
import { formatClock } from '../format/date-time';
import { RichText } from './RichText';

/** One transcript line. Notes look nothing like replies, so nobody mistakes what the visitor saw. */
export function MessageBubble(props: { message: Message; seen: boolean; visitorLabel: string }) {
  const { message } = props;
  if (message.author === 'system') {
    return (
      <li class="message message-system">
        <span>
          <RichText text={message.text} />
        </span>
        <time dateTime={message.createdAt}>{formatClock(message.createdAt)}</time>
      </li>
    );
  }
  const side = message.author === 'visitor' ? 'message-visitor' : 'message-agent';
  const author = message.author === 'visitor' ? props.visitorLabel : (message.authorName ?? 'Agent');
  return (
    <li class={`message ${side} ${message.internal ? 'message-note' : ''}`}>
      <div class="bubble">
        {message.internal && (
          <span class="note-label">
            <span aria-hidden="true">🔒 </span>Internal note · only agents see this
          </span>
        )}
        <p class="message-text">
          <RichText text={message.text} />
        </p>
      </div>
      <p class="message-meta">
        <span class="message-author">{author}</span>
        <span aria-hidden="true"> · </span>
        <time dateTime={message.createdAt}>{formatClock(message.createdAt)}</time>
        {props.seen && <span class="seen"> · Seen</span>}
      </p>
    </li>
  );
}
