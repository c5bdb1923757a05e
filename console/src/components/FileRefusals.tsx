/** Why files were not attached (wrong kind, too large, too many), until dismissed. */
export function FileRefusals(props: { messages: string[]; onDismiss: () => void }) {
  if (props.messages.length === 0) return null;
  return (
    <div class="notice notice-error" role="alert">
      <span>
        {props.messages.map((text, index) => (
          <span key={index} class="refusal">
            {text}
          </span>
        ))}
      </span>
      <button type="button" class="icon-button" aria-label="Dismiss" onClick={props.onDismiss}>
        ×
      </button>
    </div>
  );
}
