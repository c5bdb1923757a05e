import { CannedReplyFields } from './CannedReplyFields';
import type { CannedReply, CannedReplyUpdate, Site } from '@parley/shared';
import { useState } from 'preact/hooks';
import { AttachmentList } from '../../components/AttachmentList';
import { attachmentSettingsOf } from '../../models/attachment-rules';
import { fileBox, type PendingFiles } from '../../models/pending-files';

const idsOf = (reply: CannedReply) => (reply.attachments ?? []).map((file) => file.id);

/**
 * One canned reply: its shortcut, text and files, with Edit and Delete. Editing happens in place,
 * in a form named after the reply; Cancel (or Escape) leaves it as it was.
 */
export function CannedReplyItem(props: {
  reply: CannedReply;
  site: Site | undefined;
  files: PendingFiles;
  saving: boolean;
  onSave: (body: CannedReplyUpdate) => Promise<boolean>;
  onDelete: () => void;
}) {
  const { reply, files } = props;
  const [editing, setEditing] = useState(false);
  const [shortcut, setShortcut] = useState(reply.shortcut);
  const [text, setText] = useState(reply.text);
  const boxId = `canned-reply:${reply.id}`;
  const box = fileBox(files, boxId, reply.siteId);

  function startEditing(): void {
    setShortcut(reply.shortcut);
    setText(reply.text);
    // The reply's files, as chips that can be removed; new ones upload beside them.
    files.clear(boxId);
    files.addStored(boxId, reply.siteId, reply.attachments ?? []);
    setEditing(true);
  }

  function stopEditing(): void {
    files.clear(boxId);
    setEditing(false);
  }

  async function save(event: Event): Promise<void> {
    event.preventDefault();
    if (box.waitingFor) return;
    const next = shortcut.trim().replace(/^\//, '');
    const attachmentIds = files.ready(boxId).map((file) => file.id);
    const body: CannedReplyUpdate = {
      ...(next !== reply.shortcut && { shortcut: next }),
      ...(text !== reply.text && { text }),
      ...(attachmentIds.join() !== idsOf(reply).join() && { attachmentIds }),
    };
    if (Object.keys(body).length === 0 || (await props.onSave(body))) stopEditing();
  }

  if (!editing) {
    return (
      <li class="canned-item">
        <code>/{reply.shortcut}</code>
        <div>
          <p>{reply.text}</p>
          <AttachmentList attachments={reply.attachments ?? []} />
        </div>
        <div class="canned-actions">
          <button
            type="button"
            class="button button-ghost"
            aria-label={`Edit /${reply.shortcut}`}
            onClick={startEditing}
          >
            Edit
          </button>
          <button
            type="button"
            class="button button-ghost"
            aria-label={`Delete /${reply.shortcut}`}
            onClick={props.onDelete}
          >
            Delete
          </button>
        </div>
      </li>
    );
  }
  return (
    <li class="canned-item canned-item-editing">
      <form
        aria-label={`Edit /${reply.shortcut}`}
        onSubmit={(event) => void save(event)}
        onKeyDown={(event) => {
          if (event.key === 'Escape') stopEditing();
        }}
      >
        <CannedReplyFields
          shortcut={shortcut}
          text={text}
          onShortcut={setShortcut}
          onText={setText}
          files={box}
          settings={attachmentSettingsOf(props.site)}
        />
        <div class="form-actions">
          <button
            type="submit"
            class="button button-primary"
            disabled={props.saving || box.waitingFor !== null}
          >
            Save
          </button>
          <button type="button" class="button button-secondary" onClick={stopEditing}>
            Cancel
          </button>
        </div>
      </form>
    </li>
  );
}
