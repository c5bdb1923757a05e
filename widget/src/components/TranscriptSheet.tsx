import { useEffect, useRef } from 'preact/hooks';
import type { Chat } from '../models/chat';
import type { ChatState } from '../models/chat-state';
import { useText } from '../text/text-context';
import { CloseIcon } from './icons';
import { TranscriptForm } from './TranscriptForm';

interface Props {
  chat: Chat;
  state: ChatState;
  onClose: () => void;
}

/** The transcript form over an ongoing chat, opened from the header's menu. */
export function TranscriptSheet({ chat, state, onClose }: Props) {
  const { t } = useText();
  const sheet = useRef<HTMLDivElement>(null);
  useEffect(() => {
    sheet.current?.querySelector<HTMLElement>('input, [role="status"]')?.focus();
  }, []);
  return (
    <div ref={sheet} class="card sheet">
      <button type="button" class="icon-button sheet-close" aria-label={t.close} onClick={onClose}>
        <CloseIcon />
      </button>
      <TranscriptForm chat={chat} state={state} />
    </div>
  );
}
