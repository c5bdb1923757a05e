/** A canned reply's shortcut and text, as both the add form and the edit form ask for them. */
export function CannedReplyFields(props: {
  shortcut: string;
  text: string;
  onShortcut: (value: string) => void;
  onText: (value: string) => void;
  placeholder?: string;
}) {
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
    </>
  );
}
