import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';
import type { TimelineItem } from '../models/chat-state';
import { useText } from '../text/text-context';
import { MessageItem } from './MessageItem';
import { MessageText } from './MessageText';
import { Avatar } from './Avatar';
import { TypingIndicator } from './TypingIndicator';

interface Props {
  items: TimelineItem[];
  greeting: string;
  siteName: string;
  typing: { name: string | null } | null;
  onRetry: (clientId: string) => void;
  /** Shown below the messages, inside the scrolling area (the rating card, say). */
  children?: ComponentChildren;
}

// Within this distance of the bottom, the visitor is "following" and new messages scroll in.
const FOLLOW_PX = 80;

/** The conversation, announced to screen readers as it grows (role log, polite). */
export function MessageList({ items, greeting, siteName, typing, onRetry, children }: Props) {
  const { t } = useText();
  const scroller = useRef<HTMLDivElement>(null);
  const following = useRef(true);
  const lastVisitor = findLastIndex(items, (i) => i.author === 'visitor');

  useLayoutEffect(() => {
    const el = scroller.current;
    if (el && following.current) el.scrollTop = el.scrollHeight;
  });

  return (
    <div
      class="scroller"
      ref={scroller}
      onScroll={(event) => {
        const el = event.currentTarget;
        following.current = el.scrollHeight - el.scrollTop - el.clientHeight < FOLLOW_PX;
      }}
    >
      <div
        class="log"
        role="log"
        aria-live="polite"
        aria-relevant="additions"
        aria-label={t.messages}
      >
        {greeting && (
          <div class="row row-theirs row-first greeting">
            <div class="meta">
              <Avatar name={siteName} size="sm" />
              <span class="meta-name">{siteName}</span>
            </div>
            <div class="bubble">
              <MessageText text={greeting} />
            </div>
          </div>
        )}
        {items.map((item, index) => {
          const previous = items[index - 1];
          const first =
            !previous || previous.author !== item.author || previous.authorName !== item.authorName;
          return (
            <MessageItem
              key={item.key}
              item={item}
              first={first}
              showDelivery={index === lastVisitor}
              onRetry={onRetry}
            />
          );
        })}
      </div>
      {typing && <TypingIndicator name={typing.name} />}
      {children}
    </div>
  );
}

function findLastIndex<T>(list: readonly T[], test: (item: T) => boolean): number {
  for (let i = list.length - 1; i >= 0; i--) if (test(list[i] as T)) return i;
  return -1;
}
