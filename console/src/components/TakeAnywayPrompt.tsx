import { useEffect, useRef } from 'preact/hooks';

/**
 * Asks, under the conversation's header, whether to take a chat although the agent's chats are
 * at capacity. Focus moves to the question's first answer; Escape cancels.
 */
export function TakeAnywayPrompt(props: {
  held: number;
  capacity: number;
  onTakeAnyway: () => void;
  onCancel: () => void;
}) {
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => first.current?.focus(), []);
  const question = `You are at ${props.held} of ${props.capacity} chats — take anyway?`;
  return (
    <div
      role="group"
      aria-label={question}
      class="notice notice-info take-anyway"
      onKeyDown={(event) => {
        if (event.key === 'Escape') props.onCancel();
      }}
    >
      <span class="take-anyway-question">{question}</span>
      <button type="button" class="button button-primary" ref={first} onClick={props.onTakeAnyway}>
        Take anyway
      </button>
      <button type="button" class="button button-secondary" onClick={props.onCancel}>
        Cancel
      </button>
    </div>
  );
}
