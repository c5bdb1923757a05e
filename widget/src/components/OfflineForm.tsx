import type { Chat } from '../models/chat';
import type { ChatState } from '../models/chat-state';
import { useText } from '../text/text-context';
import { FormCard } from './FormCard';
import { CheckIcon } from './icons';
import { PrivacyLink } from './PrivacyLink';
import { useForm } from './use-form';
import type { FieldSpec } from './validation';

/**
 * While nobody is available: a message for the team. The answer comes back in this chat, and by
 * email when the server sends email; the form promises only what the server can do.
 */
export function OfflineForm({ chat, state }: { chat: Chat; state: ChatState }) {
  const { t } = useText();
  const email = state.config.email;
  const specs: FieldSpec[] = [
    { key: 'name', label: t.name, type: 'text', required: true },
    { key: 'email', label: t.email, type: 'email', required: true },
    { key: 'text', label: t.message, type: 'textarea', required: true },
  ];
  const form = useForm(
    specs,
    { name: state.visitor.name ?? '', email: state.visitor.email ?? '', text: '' },
    t,
    (v) =>
      void chat.forms.leaveOfflineMessage({
        name: v.name ?? '',
        email: v.email ?? '',
        text: v.text ?? '',
      }),
  );

  if (state.offlineSent) {
    return (
      <div class="pane">
        <div class="card done" role="status">
          <span class="done-icon">
            <CheckIcon />
          </span>
          <p>{email ? t.offlineSent : t.offlineSentNoEmail}</p>
        </div>
      </div>
    );
  }
  return (
    <div class="pane">
      <FormCard
        title={t.offlineTitle}
        intro={state.config.widget.awayMessage ?? (email ? t.offlineIntro : t.offlineIntroNoEmail)}
        specs={specs}
        form={form}
        submitLabel={t.leaveMessage}
        busy={state.busy}
      />
      <PrivacyLink url={state.config.widget.privacyNoticeUrl} />
    </div>
  );
}
