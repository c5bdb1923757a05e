import type { Chat } from '../models/chat';
import type { ChatState } from '../models/chat-state';
import { useText } from '../text/text-context';
import { Field } from './Field';
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
      <form class="card form" noValidate onSubmit={form.onSubmit}>
        <h3 class="card-title">{t.prechatTitle}</h3>
        <p class="card-text">{t.prechatIntro}</p>
        {specs.map((spec) => (
          <Field
            key={spec.key}
            spec={spec}
            value={form.values[spec.key] ?? ''}
            error={form.errors[spec.key]}
            onInput={(value) => form.set(spec.key, value)}
          />
        ))}
        <button type="submit" class="primary" disabled={state.busy}>
          {t.startChat}
        </button>
      </form>
      <PrivacyLink url={widget.privacyNoticeUrl} />
    </div>
  );
}
