import { useRef, useState } from 'preact/hooks';
import { useText } from '../text/text-context';
import { SendIcon } from './icons';

interface Props {
  onSend: (text: string) => void;
  onTyping: () => void;
  onStopTyping: () => void;
}

const MAX_HEIGHT_PX = 132;

/** The message box: Enter sends, Shift+Enter starts a new line. */
export function Composer({ onSend, onTyping, onStopTyping }: Props) {
  const { t } = useText();
  const [text, setText] = useState('');
  const box = useRef<HTMLTextAreaElement>(null);

  const fit = () => {
    const el = box.current;
    if (!el) return;
    // CSSOM writes, not style attributes: a strict CSP allows them.
    el.style.height = 'auto';
    el.style.height = `${Math.min(el.scrollHeight, MAX_HEIGHT_PX)}px`;
  };

  const submit = () => {
    if (!text.trim()) return;
    onSend(text);
    setText('');
    requestAnimationFrame(fit);
    box.current?.focus();
  };

  return (
    <form
      class="composer"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
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
        onKeyDown={(event) => {
          // isComposing: Enter also confirms an IME candidate (Vietnamese, Chinese…); not a send.
          if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
            event.preventDefault();
            submit();
          }
        }}
      />
      <button type="submit" class="send" aria-label={t.send} disabled={!text.trim()}>
        <SendIcon />
      </button>
    </form>
  );
}
