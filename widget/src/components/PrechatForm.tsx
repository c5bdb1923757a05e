import type { Chat } from '../models/chat';
import type { ChatState } from '../models/chat-state';
import { useText } from '../text/text-context';
import { FormCard } from './FormCard';
import { PrivacyLink } from './PrivacyLink';
import { useForm } from './use-form';
import type { FieldSpec } from './validation';

/** The site's pre-chat questions. Name and email fill the visitor's profile. */
export function PrechatForm({ chat, state }: { chat: Chat; state: ChatState }) {
  const { t } = useText();
  const { widget } = state.config;
  const specs: FieldSpec[] = widget.prechatFields.map((field) => ({
    key: field.key,
    // Our own, translated words for the two standard fields; the site's label for the rest.
    label: field.key === 'name' ? t.name : field.key === 'email' ? t.email : field.label,
    type: field.key === 'email' ? 'email' : field.type,
    required: field.required,
  }));
  const initial = Object.fromEntries(
    specs.map((s) => [
      s.key,
      (s.key === 'name' ? state.visitor.name : s.key === 'email' ? state.visitor.email : '') ?? '',
    ]),
  );
  const form = useForm(specs, initial, t, (values) => chat.forms.submitPrechat(values));

  return (
    <div class="pane">
      {widget.greeting && <p class="lead">{widget.greeting}</p>}
      <FormCard
        title={t.prechatTitle}
        intro={t.prechatIntro}
        specs={specs}
        form={form}
        submitLabel={t.startChat}
        busy={state.busy}
      />
      <PrivacyLink url={widget.privacyNoticeUrl} />
    </div>
  );
}
