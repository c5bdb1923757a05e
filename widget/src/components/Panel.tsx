import { useContext, useEffect, useRef, useState } from 'preact/hooks';
import { FilesContext } from '../attachments/files-context';
import type { Chat } from '../models/chat';
import { currentView, ratingStep } from '../models/chat-state';
import { useText } from '../text/text-context';
import { Banner } from './Banner';
import { ChatView } from './ChatView';
import { Header } from './Header';
import { OfflineForm } from './OfflineForm';
import { PrechatForm } from './PrechatForm';
import { TranscriptSheet } from './TranscriptSheet';
import { useStore } from './use-store';

interface Props {
  chat: Chat;
  soundAllowed: boolean;
  onMinimize: () => void;
  onChooseLocale: (code: string) => void;
}

// Where focus lands on each screen: the first thing the visitor is expected to do (null: the
// dialog itself, so keyboard users stay inside the panel and Escape still works).
const FOCUS_TARGET = {
  chat: '.composer textarea',
  // The rating question itself, not its first score: a focused "1" would look chosen.
  ended: '.card [tabindex="-1"], .card input, .ended button',
  prechat: '.body input, .body textarea',
  offline: '.body input, .body textarea',
  'offline-sent': null,
} as const;

/** The chat window: a non-modal dialog. Focus moves into it on open and on each new screen. */
export function Panel({ chat, soundAllowed, onMinimize, onChooseLocale }: Props) {
  const state = useStore(chat.store);
  const { t } = useText();
  const view = currentView(state);
  const dialog = useRef<HTMLDivElement>(null);
  const [transcript, setTranscript] = useState(false);
  const [dropping, setDropping] = useState(false);
  const { tray } = useContext(FilesContext);
  const takesDrops = view === 'chat' && tray.settings.enabled;
  // Each rating step replaces the controls that had focus; move on with the visitor.
  const step = view === 'ended' ? `${ratingStep(state)}:${state.transcriptSentTo ?? ''}` : '';

  useEffect(() => {
    const el = dialog.current;
    if (!el) return;
    const selector = FOCUS_TARGET[view];
    const target = (selector && el.querySelector<HTMLElement>(selector)) || el;
    target.focus({ preventScroll: true });
  }, [view, step]);

  return (
    <div
      ref={dialog}
      class="panel"
      role="dialog"
      aria-modal="false"
      aria-label={t.dialog(state.config.name)}
      tabIndex={-1}
      data-view={view}
    >
      <Header
        chat={chat}
        state={state}
        soundAllowed={soundAllowed}
        onMinimize={onMinimize}
        onChooseLocale={onChooseLocale}
        onTranscript={() => setTranscript(true)}
      />
      <Banner state={state} />
      {transcript && view === 'chat' && (
        <TranscriptSheet
          chat={chat}
          state={state}
          onClose={() => {
            setTranscript(false);
            dialog.current?.querySelector<HTMLElement>('[aria-haspopup]')?.focus();
          }}
        />
      )}
      <div
        class="body"
        data-dropping={dropping || undefined}
        onDragOver={(event) => {
          if (!takesDrops || !event.dataTransfer?.types.includes('Files')) return;
          event.preventDefault();
          setDropping(true);
        }}
        onDragLeave={() => setDropping(false)}
        onDrop={(event) => {
          setDropping(false);
          if (!takesDrops || !event.dataTransfer?.files.length) return;
          event.preventDefault();
          tray.add([...event.dataTransfer.files]);
        }}
      >
        {view === 'prechat' && <PrechatForm chat={chat} state={state} />}
        {(view === 'offline' || view === 'offline-sent') && (
          <OfflineForm chat={chat} state={state} />
        )}
        {(view === 'chat' || view === 'ended') && (
          <ChatView chat={chat} state={state} ended={view === 'ended'} />
        )}
      </div>
    </div>
  );
}
