import type { DeliveryState, Message, MessageDelivery } from '@parley/shared';
import { formatClock } from '../format/date-time';
import { AttachmentList } from './AttachmentList';
import { RichText } from './RichText';

/** One transcript line. Notes look nothing like replies, so nobody mistakes what the visitor saw. */
const DELIVERY_TEXT: Record<DeliveryState, string> = {
  live: 'Shown live',
  emailed: 'Emailed to the visitor',
  'email-pending': 'Email on its way',
  'email-failed': 'Email failed',
  waiting: 'Waiting for the visitor',
};

export function MessageBubble(props: {
  message: Message;
  seen: boolean;
  visitorLabel: string;
  /** For replies in an offline conversation: how the visitor gets it. */
  delivery?: MessageDelivery | null;
}) {
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
  const author =
    message.author === 'visitor' ? props.visitorLabel : (message.authorName ?? 'Agent');
  return (
    <li class={`message ${side} ${message.internal ? 'message-note' : ''}`}>
      <div class="bubble">
        {message.internal && (
          <span class="note-label">
            <LockIcon />
            Internal note · only agents see this
          </span>
        )}
        {message.text !== '' && (
          <p class="message-text">
            <RichText text={message.text} />
          </p>
        )}
        <AttachmentList attachments={message.attachments ?? []} />
      </div>
      <p class="message-meta">
        <span class="message-author">{author}</span>
        <span aria-hidden="true"> · </span>
        <time dateTime={message.createdAt}>{formatClock(message.createdAt)}</time>
        {props.seen && <span class="seen"> · Seen</span>}
        {props.delivery && (
          <span class={`delivery delivery-${props.delivery.state}`}>
            {' · '}
            {DELIVERY_TEXT[props.delivery.state]}
            {props.delivery.reason ? ` (${props.delivery.reason})` : ''}
          </span>
        )}
      </p>
    </li>
  );
}

function LockIcon() {
  return (
    <svg class="note-icon" viewBox="0 0 16 16" width="12" height="12" aria-hidden="true">
      <path
        fill="currentColor"
        d="M8 1a3.5 3.5 0 0 0-3.5 3.5V6H4a1.5 1.5 0 0 0-1.5 1.5v6A1.5 1.5 0 0 0 4 15h8a1.5 1.5 0 0 0 1.5-1.5v-6A1.5 1.5 0 0 0 12 6h-.5V4.5A3.5 3.5 0 0 0 8 1Zm2 5H6V4.5a2 2 0 1 1 4 0V6Z"
      />
    </svg>
  );
}
