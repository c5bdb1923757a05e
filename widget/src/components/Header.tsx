import type { Chat } from '../models/chat';
import { isOpenConversation, type ChatState } from '../models/chat-state';
import { useState } from 'preact/hooks';
import { useText } from '../text/text-context';
import { Avatar } from './Avatar';
import { MinimizeIcon, SoundOffIcon, SoundOnIcon } from './icons';

interface Props {
  chat: Chat;
  state: ChatState;
  soundAllowed: boolean;
  onMinimize: () => void;
}

/** The site's name, who is answering and whether they are online, and the panel's actions. */
export function Header({ chat, state, soundAllowed, onMinimize }: Props) {
  const { t } = useText();
  const [confirming, setConfirming] = useState(false);
  const agent = state.conversation?.agent ?? state.presenceAgent;
  // While our own connection is down we do not know who is there: claim nobody is online.
  const connected = state.connection !== 'offline';
  const online = connected && (agent ? agent.status === 'online' : state.available);
  const statusWord = agent
    ? { online: t.online, away: t.away, offline: t.offline }[agent.status]
    : '';
  /** Who is there; while our own connection is down, only the agent's name, no claim. */
  function subtitle(): string {
    if (!connected) return agent?.name ?? '';
    if (agent) return `${agent.name} · ${statusWord}`;
    return online ? t.teamOnline : t.teamAway;
  }

  return (
    <header class="header">
      <div class="identity">
        <span class="avatar-wrap">
          <Avatar name={agent?.name ?? state.config.name} />
          <span class={`presence ${online ? 'is-online' : 'is-away'}`} aria-hidden="true" />
        </span>
        <div class="titles">
          <h2 class="title">{state.config.name}</h2>
          <p class="subtitle">{subtitle()}</p>
        </div>
      </div>
      <div class="actions">
        {isOpenConversation(state.conversation) &&
          (confirming ? (
            // The question replaces the button, so there is one "End chat" at a time.
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
              <button type="button" class="keep-chatting" onClick={() => setConfirming(false)}>
                {t.keepChatting}
              </button>
            </div>
          ) : (
            <button type="button" class="end-chat" onClick={() => setConfirming(true)}>
              {t.endChat}
            </button>
          ))}
        {soundAllowed && (
          <button
            type="button"
            class="icon-button"
            aria-label={state.soundOn ? t.soundOff : t.soundOn}
            title={state.soundOn ? t.soundOff : t.soundOn}
            onClick={() => chat.forms.toggleSound()}
          >
            {state.soundOn ? <SoundOnIcon /> : <SoundOffIcon />}
          </button>
        )}
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
    </header>
  );
}
