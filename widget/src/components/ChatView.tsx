import type { Chat } from '../models/chat';
import { timeline, type ChatState } from '../models/chat-state';
import { useText } from '../text/text-context';
import { Composer } from './Composer';
import { EndedCard } from './EndedCard';
import { MessageList } from './MessageList';
import { PrivacyLink } from './PrivacyLink';
import { QueueNotice } from './QueueNotice';

/** The conversation: messages, queue position, composer; after close, the rating card. */
export function ChatView({ chat, state, ended }: { chat: Chat; state: ChatState; ended: boolean }) {
  const { t } = useText();
  const items = timeline(state);
  const { widget, name } = state.config;
  return (
    <>
      <MessageList
        items={items}
        greeting={widget.greeting}
        siteName={name}
        typing={ended ? null : state.typing}
        onRetry={(clientId) => chat.sender.retry(clientId)}
      >
        {ended && <EndedCard chat={chat} state={state} />}
      </MessageList>
      {!ended && state.conversation?.status === 'queued' && (
        <QueueNotice position={state.conversation.queuePosition} />
      )}
      {!ended && (
        <div class="footer">
          <Composer
            onSend={(text, uploads) => chat.sender.send(text, uploads)}
            onTyping={() => chat.sender.typed()}
            onStopTyping={() => chat.sender.stoppedTyping()}
          />
          <div class="footnote">
            {items.length === 0 && <PrivacyLink url={widget.privacyNoticeUrl} />}
            <span class="powered">{t.poweredBy}</span>
          </div>
        </div>
      )}
    </>
  );
}
