import type { SystemEvent } from '@parley/shared';
import type { TimelineItem } from '../models/chat-state';
import type { Messages } from '../text/messages';
import { useText } from '../text/text-context';
import { Avatar } from './Avatar';
import { FileList } from '../attachments/FileList';
import { formatTime } from './format-time';
import { AlertIcon } from './icons';
import { MessageText } from './MessageText';

/** A relay line in the visitor's language, from its data. */
function systemLine(t: Messages, event: SystemEvent): string {
  return event.kind === 'agent-joined'
    ? t.agentJoined(event.agentName)
    : t.transferredTo(event.agentName);
}

interface Props {
  item: TimelineItem;
  /** First of a run by the same author: show who wrote it. */
  first: boolean;
  /** Show the delivery state even when it is just "sent" (the visitor's latest message). */
  showDelivery: boolean;
  onRetry: (clientId: string) => void;
}

/** One message: a bubble, who wrote it and, for the visitor's own, whether it arrived. */
export function MessageItem({ item, first, showDelivery, onRetry }: Props) {
  const { t, locale } = useText();
  if (item.author === 'system') {
    return (
      <div class="system-line">
        {item.event ? systemLine(t, item.event) : <MessageText text={item.text} />}
      </div>
    );
  }
  const mine = item.author === 'visitor';
  const time = formatTime(item.createdAt, locale);
  const delivery = item.delivery;
  return (
    <div
      class={`row ${mine ? 'row-mine' : 'row-theirs'}${first ? ' row-first' : ''}`}
      data-delivery={delivery ?? undefined}
    >
      {!mine && first && (
        <div class="meta">
          <Avatar name={item.authorName ?? '?'} size="sm" />
          <span class="meta-name">{item.authorName}</span>
          <span class="meta-time">{time}</span>
        </div>
      )}
      {item.text && (
        <div class="bubble" title={time}>
          <MessageText text={item.text} />
        </div>
      )}
      {item.files && <FileList files={item.files} />}
      {delivery === 'failed' && item.clientId ? (
        <div class="delivery delivery-failed">
          <AlertIcon />
          <span>{t.failed}</span>
          <button
            type="button"
            class="link-button"
            onClick={() => onRetry(item.clientId as string)}
          >
            {t.retry}
          </button>
        </div>
      ) : delivery && (showDelivery || delivery === 'sending') ? (
        <div class="delivery">
          {delivery === 'sending'
            ? t.sending
            : `${delivery === 'seen' ? t.seen : t.sent} · ${time}`}
        </div>
      ) : null}
    </div>
  );
}
