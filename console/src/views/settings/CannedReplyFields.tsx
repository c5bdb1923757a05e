import type { AttachmentSettings } from '@parley/shared';
import { AttachButton } from '../../components/AttachButton';
import { FileChips } from '../../components/FileChips';
import { FileRefusals } from '../../components/FileRefusals';
import type { FileBox } from '../../models/pending-files';

/**
 * A canned reply's shortcut, text and files, as both the add form and the edit form ask for
 * them. Files upload as soon as they are picked, as in the reply box.
 */
export function CannedReplyFields(props: {
  shortcut: string;
  text: string;
  onShortcut: (value: string) => void;
  onText: (value: string) => void;
  files: FileBox;
  settings: AttachmentSettings;
  placeholder?: string;
}) {
  const { files, settings } = props;
  return (
    <>
      <label class="field field-narrow">
        <span>Shortcut</span>
        <input
          value={props.shortcut}
          required
          maxLength={33}
          pattern="/?[a-z0-9][a-z0-9_\-]{0,31}"
          placeholder={props.placeholder}
          onInput={(e) => props.onShortcut(e.currentTarget.value)}
        />
      </label>
      <label class="field">
        <span>Text</span>
        <textarea
          rows={3}
          required
          maxLength={5000}
          value={props.text}
          onInput={(e) => props.onText(e.currentTarget.value)}
        />
      </label>
      {(settings.enabled || files.items.length > 0) && (
        <div class="field canned-files">
          <span>Files</span>
          <FileRefusals messages={files.refusals} onDismiss={files.dismissRefusals} />
          <FileChips files={files.items} onRemove={files.remove} onRetry={files.retry} />
          <div class="canned-files-bar">
            {settings.enabled && <AttachButton settings={settings} onFiles={files.attach} />}
            <span class="muted">
              {files.waitingFor ?? 'Sent with the text when an agent inserts this reply.'}
            </span>
          </div>
        </div>
      )}
    </>
  );
}
