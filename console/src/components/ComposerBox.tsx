import type { RequestError } from '../api/request-error';
import type { Composer } from '../models/composer';
import { ErrorNotice } from './ErrorNotice';

/**
 * The reply box. Enter sends, Shift+Enter starts a new line, "/" opens canned replies, and
 * "Add note" posts the same text as an internal note instead.
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
      <textarea
        class="composer-input"
        aria-label="Reply"
        aria-describedby="composer-hint"
        placeholder="Write a reply…"
        rows={3}
        value={draft}
        onInput={(event) => composer.setDraft(event.currentTarget.value)}
        onKeyDown={onKeyDown}
        onBlur={props.onBlur}
      />
      <div class="composer-bar">
        <span id="composer-hint" class="composer-hint">
          Enter sends · Shift+Enter new line · / canned replies
        </span>
        <button
          type="button"
          class="button button-note"
          disabled={draft.trim() === ''}
          onClick={() => composer.submit(true)}
        >
          Add note
        </button>
        <button
          type="button"
          class="button button-primary"
          disabled={draft.trim() === ''}
          onClick={() => composer.submit(false)}
        >
          Send
        </button>
      </div>
    </div>
  );
}
