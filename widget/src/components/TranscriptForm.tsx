import { useState } from 'preact/hooks';
import type { Chat } from '../models/chat';
import type { ChatState } from '../models/chat-state';
import { useText } from '../text/text-context';
import { Field } from './Field';
import { useForm } from './use-form';
import type { FieldSpec } from './validation';

/** Sends the conversation's transcript to an address the visitor chooses. */
export function TranscriptForm({ chat, state }: { chat: Chat; state: ChatState }) {
  const { t } = useText();
  const [spec] = useState<FieldSpec>({
    key: 'email',
    label: t.email,
    type: 'email',
    required: true,
  });
  const form = useForm([spec], { email: state.visitor.email ?? '' }, t, (values) => {
    void chat.forms.emailTranscript(values.email ?? '');
  });
  if (state.transcriptSentTo) {
    return (
      <p class="card-text" role="status">
        {t.transcriptSent(state.transcriptSentTo)}
      </p>
    );
  }
  return (
    <form class="transcript" noValidate onSubmit={form.onSubmit}>
      <p class="card-text">{t.transcriptTitle}</p>
      <Field
        spec={{ ...spec, label: t.email }}
        value={form.values.email ?? ''}
        error={form.errors.email}
        onInput={(value) => form.set('email', value)}
      />
      <button type="submit" class="secondary" disabled={state.busy}>
        {t.sendTranscript}
      </button>
    </form>
  );
}
