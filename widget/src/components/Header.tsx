import type { Chat } from '../models/chat';
import { isOpenConversation, type ChatState } from '../models/chat-state';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useText } from '../text/text-context';
import { Avatar } from './Avatar';
import { HeaderMenu } from './HeaderMenu';
import { MinimizeIcon } from './icons';

interface Props {
  chat: Chat;
  state: ChatState;
  soundAllowed: boolean;
  onMinimize: () => void;
  onChooseLocale: (code: string) => void;
  /** Opens the transcript form over the chat. */
  onTranscript: () => void;
}

/**
 * The site's name, who is answering and whether they are there; the panel's secondary actions
 * live in a menu, so nothing squeezes the names. Long names and long translations wrap.
 */
export function Header({
  chat,
  state,
  soundAllowed,
  onMinimize,
  onChooseLocale,
  onTranscript,
}: Props) {
  const { t } = useText();
  const [confirming, setConfirming] = useState(false);
  const keepChatting = useRef<HTMLButtonElement>(null);
  const agent = state.conversation?.agent ?? state.presenceAgent;
  const chatOpen = isOpenConversation(state.conversation);
  // While our own connection is down we do not know who is there: claim nobody is online.
  const connected = state.connection !== 'offline';
  const online = connected && (agent ? agent.status === 'online' : state.available);
  const statusWord = agent
    ? { online: t.online, away: t.away, offline: t.offline }[agent.status]
    : '';
  useEffect(() => {
    // The question replaced the menu item that had focus: the safe answer takes it.
    if (confirming) keepChatting.current?.focus();
  }, [confirming]);

  return (
    <header class="header">
      <div class="header-row">
        <span class="avatar-wrap">
          <Avatar name={agent?.name ?? state.config.name} />
          <span class={`presence ${online ? 'is-online' : 'is-away'}`} aria-hidden="true" />
        </span>
        <div class="titles">
          <h2 class="title">{state.config.name}</h2>
          {/* Who is there; while our own connection is down, only the agent's name, no claim. */}
          <p class="subtitle">
            {agent ? (
              <>
                <span class="agent-name">{agent.name}</span>
                {connected && ` · ${statusWord}`}
              </>
            ) : (
              connected && (online ? t.teamOnline : t.teamAway)
            )}
          </p>
        </div>
        <div class="actions">
          <HeaderMenu
            onChooseLocale={onChooseLocale}
            actions={[
              chatOpen ? { label: t.endChat, run: () => (setConfirming(true), true) } : null,
              chatOpen && state.config.email
                ? { label: t.sendTranscript, run: () => (onTranscript(), true) }
                : null,
              soundAllowed
                ? {
                    label: state.soundOn ? t.soundOff : t.soundOn,
                    run: () => chat.forms.toggleSound(),
                  }
                : null,
            ]}
          />
          <button
            type="button"
            class="icon-button"
            aria-label={t.minimize}
            title={t.minimize}
            onClick={onMinimize}
          >
            <MinimizeIcon />
          </button>
        </div>
      </div>
      {chatOpen && confirming && (
        <div class="end-confirm" role="group" aria-label={t.endChatQuestion}>
          <span class="end-question">{t.endChatQuestion}</span>
          <button
            type="button"
            class="end-chat"
            onClick={() => {
              setConfirming(false);
              void chat.forms.endChat();
            }}
          >
            {t.endChat}
          </button>
          <button
            ref={keepChatting}
            type="button"
            class="end-chat"
            onClick={(event) => {
              setConfirming(false);
              // The question goes away: focus goes back to the menu it came from.
              event.currentTarget
                .closest('.header')
                ?.querySelector<HTMLElement>('[aria-haspopup]')
                ?.focus();
            }}
          >
            {t.keepChatting}
          </button>
        </div>
      )}
    </header>
  );
}
