import type { ChatState } from '../models/chat-state';
import { errorText } from '../text/error-text';
import { useText } from '../text/text-context';

/** Connection trouble or the last refused action, above the panel's content. */
export function Banner({ state }: { state: ChatState }) {
  const { t } = useText();
  if (state.notice) {
    return (
      <div class="banner banner-error" role="alert">
        {errorText(state.notice, t, state.noticeRetryAfterMs)}
      </div>
    );
  }
  if (state.connection === 'offline') {
    return (
      <div class="banner" role="status">
        {t.reconnecting}
      </div>
    );
  }
  return null;
}
