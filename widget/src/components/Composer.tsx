import { useContext, useRef, useState } from 'preact/hooks';
import { AttachButton } from '../attachments/AttachButton';
import { FilesContext } from '../attachments/files-context';
import { TrayView } from '../attachments/TrayView';
import type { PendingUpload } from '../models/sender';
import { useText } from '../text/text-context';
import { SendIcon } from './icons';
import { useStore } from './use-store';

interface Props {
  onSend: (text: string, uploads: PendingUpload[]) => void;
  onTyping: () => void;
  onStopTyping: () => void;
}

const MAX_HEIGHT_PX = 132;

/** The message box: Enter sends, Shift+Enter starts a new line; files ride along. */
export function Composer({ onSend, onTyping, onStopTyping }: Props) {
  const { t } = useText();
  const [text, setText] = useState('');
  const box = useRef<HTMLTextAreaElement>(null);
  const { tray } = useContext(FilesContext);
  const attached = useStore(tray.store).uploads.length > 0;
  const sendable = attached || !!text.trim();

  const fit = () => {
    const el = box.current;
    if (!el) return;
    // CSSOM writes, not style attributes: a strict CSP allows them.
    el.style.height = 'auto';
    el.style.height = `${Math.min(el.scrollHeight, MAX_HEIGHT_PX)}px`;
  };

  const submit = () => {
    if (!sendable) return;
    onSend(text, tray.take());
    setText('');
    requestAnimationFrame(fit);
    box.current?.focus();
  };

  return (
    <>
      <TrayView />
      <form
        class="composer"
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        {tray.settings.enabled && <AttachButton />}
        <textarea
          ref={box}
          rows={1}
          aria-label={t.message}
          placeholder={t.messagePlaceholder}
          enterkeyhint="send"
          value={text}
          onInput={(event) => {
            const value = event.currentTarget.value;
            setText(value);
            fit();
            if (value.trim()) onTyping();
            else onStopTyping();
          }}
          onPaste={(event) => {
            tray.add([...(event.clipboardData?.files ?? [])]);
          }}
          onKeyDown={(event) => {
            // isComposing: Enter also confirms an IME candidate (Vietnamese, Chinese…); not a send.
            if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
              event.preventDefault();
              submit();
            }
          }}
        />
        <button type="submit" class="send" aria-label={t.send} disabled={!sendable}>
          <SendIcon />
        </button>
      </form>
    </>
  );
}
