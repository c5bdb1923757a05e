import { CannedReplyFields } from './CannedReplyFields';
import type { CannedReply, CannedReplyUpdate } from '@parley/shared';
import { useState } from 'preact/hooks';

/**
 * One canned reply: its shortcut and text, with Edit and Delete. Editing happens in place, in a
 * form named after the reply; Cancel (or Escape) leaves it as it was.
 */
export function CannedReplyItem(props: {
  reply: CannedReply;
  saving: boolean;
  onSave: (body: CannedReplyUpdate) => Promise<boolean>;
  onDelete: () => void;
}) {
  const { reply } = props;
  const [editing, setEditing] = useState(false);
  const [shortcut, setShortcut] = useState(reply.shortcut);
  const [text, setText] = useState(reply.text);

  function startEditing(): void {
    setShortcut(reply.shortcut);
    setText(reply.text);
    setEditing(true);
  }

  async function save(event: Event): Promise<void> {
    event.preventDefault();
    const next = shortcut.trim().replace(/^\//, '');
    const body: CannedReplyUpdate = {
      ...(next !== reply.shortcut && { shortcut: next }),
      ...(text !== reply.text && { text }),
    };
    if (Object.keys(body).length === 0 || (await props.onSave(body))) setEditing(false);
  }

  if (!editing) {
    return (
      <li class="canned-item">
        <code>/{reply.shortcut}</code>
        <p>{reply.text}</p>
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
          if (event.key === 'Escape') setEditing(false);
        }}
      >
        <CannedReplyFields
          shortcut={shortcut}
          text={text}
          onShortcut={setShortcut}
          onText={setText}
        />
        <div class="form-actions">
          <button type="submit" class="button button-primary" disabled={props.saving}>
            Save
          </button>
          <button type="button" class="button button-secondary" onClick={() => setEditing(false)}>
            Cancel
          </button>
        </div>
      </form>
    </li>
  );
}
