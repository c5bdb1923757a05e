import type { Message, MessageDelivery } from '@parley/shared';
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import type { OutgoingMessage } from '../models/conversation';
import { formatFileSize } from '../format/file-size';
import { ErrorNotice } from './ErrorNotice';
import { MessageBubble } from './MessageBubble';
import { RichText } from './RichText';

/** The messages of a conversation, what is still on its way, and whether the visitor is typing. */
export function Transcript(props: {
  messages: Message[];
  /** How each reply of an offline conversation reached the visitor. */
  deliveries: MessageDelivery[];
  outbox: OutgoingMessage[];
  seenByVisitor: number;
  visitorTyping: string | null;
  visitorLabel: string;
  onRetry: (clientId: string) => void;
  onDiscard: (clientId: string) => void;
  footer: ComponentChildren;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const last = props.messages[props.messages.length - 1]?.id;

  // Follow new lines as they arrive, unless the agent has scrolled up to read.
  useEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const nearBottom = element.scrollHeight - element.scrollTop - element.clientHeight < 160;
    if (nearBottom || props.outbox.length > 0) element.scrollTop = element.scrollHeight;
  }, [last, props.outbox.length, props.visitorTyping]);

  // Open at the latest message.
  useEffect(() => {
    const element = scroller.current;
    if (element) element.scrollTop = element.scrollHeight;
  }, []);

  return (
    <div class="transcript" ref={scroller}>
      <div role="log" aria-label="Messages" aria-live="polite">
        <ol class="messages">
          {props.messages.map((message) => (
            <MessageBubble
              key={message.id}
              message={message}
              seen={
                message.author === 'agent' &&
                !message.internal &&
                message.seq <= props.seenByVisitor
              }
              visitorLabel={props.visitorLabel}
              delivery={props.deliveries.find((d) => d.messageId === message.id) ?? null}
            />
          ))}
          {props.outbox.map((item) => (
            <li
              key={item.clientId}
              class={`message message-agent ${item.internal ? 'message-note' : ''} is-${item.state}`}
            >
              <div class="bubble">
                {item.internal && (
                  <span class="note-label">Internal note · only agents see this</span>
                )}
                {item.text !== '' && (
                  <p class="message-text">
                    <RichText text={item.text} />
                  </p>
                )}
                {item.attachments.length > 0 && (
                  <ul class="attachments">
                    {item.attachments.map((file) => (
                      <li key={file.id} class="attachment-card">
                        <span class="attachment-name">{file.name}</span>
                        <span class="attachment-meta">{formatFileSize(file.size)}</span>
                      </li>
                    ))}
                  </ul>
                )}
              </div>
              {item.state === 'sending' ? (
                <p class="message-meta">Sending…</p>
              ) : (
                <div class="message-failed">
                  <ErrorNotice error={item.error} />
                  <button
                    type="button"
                    class="link-button"
                    onClick={() => props.onRetry(item.clientId)}
                  >
                    Retry
                  </button>
                  <button
                    type="button"
                    class="link-button"
                    onClick={() => props.onDiscard(item.clientId)}
                  >
                    Discard
                  </button>
                </div>
              )}
            </li>
          ))}
        </ol>
      </div>
      {props.visitorTyping && (
        <p class="typing" role="status">
          <span class="typing-dots" aria-hidden="true">
            <span />
            <span />
            <span />
          </span>
          {props.visitorTyping} is typing…
        </p>
      )}
      {props.footer}
    </div>
  );
}
