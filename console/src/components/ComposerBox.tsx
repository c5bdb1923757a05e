import type { RequestError } from '../api/request-error';
import type { Composer } from '../models/composer';
import { AttachButton } from './AttachButton';
import { ErrorNotice } from './ErrorNotice';
import { FileChips } from './FileChips';
import { FileRefusals } from './FileRefusals';

/**
 * The reply box. Enter sends, Shift+Enter starts a new line, "/" opens canned replies, and
 * "Add note" posts the same text as an internal note instead. Files come from the paperclip,
 * a drop on the conversation, or pasted images, and go with either.
 */
export function ComposerBox(props: {
  composer: Composer;
  cannedError: RequestError | null;
  onRetryCanned: () => void;
  onBlur: () => void;
}) {
  const { composer } = props;
  const suggestions = composer.suggestions.value;
  const highlighted = composer.highlighted.value;
  const draft = composer.draft.value;
  const settings = composer.attachmentSettings.value;
  const refusals = composer.refusals.value;
  const canSend = composer.canSend.value;
  const waitingFor = composer.waitingFor.value;

  // A screenshot pasted from the clipboard arrives as a file. Cells or lines copied from an office
  // program come with a picture of themselves too: those are pasted as the text they are.
  function onPaste(event: ClipboardEvent): void {
    const clipboard = event.clipboardData;
    if (!clipboard || Array.from(clipboard.types).includes('text/plain')) return;
    const pasted = Array.from(clipboard.files);
    if (pasted.length === 0) return;
    event.preventDefault();
    composer.attach(pasted);
  }

  function onKeyDown(event: KeyboardEvent): void {
    // Keys that confirm an IME composition must not send half a word.
    if (event.isComposing) return;
    if (suggestions.length > 0) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        composer.moveHighlight(event.key === 'ArrowDown' ? 1 : -1);
        return;
      }
      if (event.key === 'Enter' || event.key === 'Tab') {
        event.preventDefault();
        composer.accept();
        return;
      }
      if (event.key === 'Escape') {
        event.preventDefault();
        composer.dismiss();
        return;
      }
    }
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      composer.submit(false);
    }
  }

  return (
    <div class="composer">
      {suggestions.length > 0 && (
        <ul class="suggestions" role="listbox" id="canned-suggestions" aria-label="Canned replies">
          {suggestions.map((reply, index) => (
            <li
              key={reply.id}
              id={`canned-${reply.id}`}
              role="option"
              aria-selected={index === highlighted}
              class={`suggestion ${index === highlighted ? 'is-active' : ''}`}
              // mousedown, not click: the reply box keeps focus and the caret.
              onMouseDown={(event) => {
                event.preventDefault();
                composer.accept(reply);
              }}
            >
              <span class="suggestion-shortcut">/{reply.shortcut}</span>
              <span class="suggestion-text">{reply.text}</span>
            </li>
          ))}
        </ul>
      )}
      <ErrorNotice error={props.cannedError} onRetry={props.onRetryCanned} />
      <FileRefusals messages={refusals} onDismiss={composer.dismissRefusals} />
      <FileChips
        files={composer.attached.value}
        onRemove={composer.removeFile}
        onRetry={composer.retryFile}
      />
      <textarea
        id="reply"
        class="composer-input"
        aria-label="Reply"
        aria-describedby="composer-hint"
        placeholder="Write a reply…"
        rows={3}
        value={draft}
        onInput={(event) => composer.setDraft(event.currentTarget.value)}
        onKeyDown={onKeyDown}
        onPaste={onPaste}
        onBlur={props.onBlur}
      />
      <div class="composer-bar">
        {settings?.enabled && <AttachButton settings={settings} onFiles={composer.attach} />}
        <span id="composer-hint" class="composer-hint">
          {waitingFor ?? 'Enter sends · Shift+Enter new line · / canned replies'}
        </span>
        <button
          type="button"
          class="button button-note"
          disabled={!canSend}
          onClick={() => composer.submit(true)}
        >
          Add note
        </button>
        <button
          type="button"
          class="button button-primary"
          disabled={!canSend}
          onClick={() => composer.submit(false)}
        >
          Send
        </button>
      </div>
    </div>
  );
}
