import { useText } from '../text/text-context';

/** Three bouncing dots and "Anna is typing…". */
export function TypingIndicator({ name }: { name: string | null }) {
  const { t } = useText();
  return (
    <div class="typing">
      <span class="dots" aria-hidden="true">
        <span />
        <span />
        <span />
      </span>
      <span class="typing-text">{t.typing(name)}</span>
    </div>
  );
}
