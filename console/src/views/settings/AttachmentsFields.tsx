import { ATTACHMENT_KINDS, MAX_ATTACHMENT_BYTES, type AttachmentKind } from '@parley/shared';
import type { AttachmentsDraft } from '../../models/site-form';

const KIND_NAMES: Record<AttachmentKind, string> = {
  image: 'Images',
  pdf: 'PDF',
  text: 'Text',
  office: 'Office documents',
};

/** What visitors and agents may send in this site's chats. */
export function AttachmentsFields(props: {
  value: AttachmentsDraft;
  onChange: (value: AttachmentsDraft) => void;
}) {
  const { value } = props;
  const set = <K extends keyof AttachmentsDraft>(key: K, next: AttachmentsDraft[K]) =>
    props.onChange({ ...value, [key]: next });
  const off = !value.enabled;

  return (
    <fieldset>
      <legend>Attachments</legend>
      <label class="check">
        <input
          type="checkbox"
          checked={value.enabled}
          onChange={(e) => set('enabled', e.currentTarget.checked)}
        />
        Allow files in chats
      </label>
      <div class="field-row">
        <label class="field field-narrow">
          <span>Largest file (MB)</span>
          <input
            type="number"
            min={0.1}
            max={MAX_ATTACHMENT_BYTES / (1024 * 1024)}
            step="any"
            required
            disabled={off}
            value={value.maxFileMegabytes}
            onInput={(e) => set('maxFileMegabytes', e.currentTarget.value)}
          />
        </label>
        <label class="field field-narrow">
          <span>Files per message</span>
          <input
            type="number"
            min={1}
            max={10}
            required
            disabled={off}
            value={value.maxFilesPerMessage}
            onInput={(e) => set('maxFilesPerMessage', e.currentTarget.value)}
          />
        </label>
        <label class="field field-narrow">
          <span>Uploads per visitor per hour</span>
          <input
            type="number"
            min={1}
            max={1000}
            required
            disabled={off}
            value={value.filesPerVisitorPerHour}
            onInput={(e) => set('filesPerVisitorPerHour', e.currentTarget.value)}
          />
        </label>
      </div>
      <fieldset class="kinds" disabled={off}>
        <legend>Kinds of file</legend>
        {ATTACHMENT_KINDS.map((kind) => (
          <label key={kind} class="check">
            <input
              type="checkbox"
              checked={value.allowedKinds.includes(kind)}
              onChange={(e) =>
                set(
                  'allowedKinds',
                  e.currentTarget.checked
                    ? [...value.allowedKinds, kind]
                    : value.allowedKinds.filter((k) => k !== kind),
                )
              }
            />
            {KIND_NAMES[kind]}
          </label>
        ))}
      </fieldset>
    </fieldset>
  );
}
