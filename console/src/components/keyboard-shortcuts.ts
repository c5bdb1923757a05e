/** What a shortcut does in the inbox. */
export type ShortcutAction = 'next' | 'previous' | 'reply' | 'close' | 'take' | 'search' | 'help';

/** The console's single-key shortcuts, in the order the help dialog lists them. */
export const SHORTCUTS: readonly { key: string; action: ShortcutAction; label: string }[] = [
  { key: 'j', action: 'next', label: 'Next conversation' },
  { key: 'k', action: 'previous', label: 'Previous conversation' },
  { key: 'r', action: 'reply', label: 'Write a reply' },
  { key: 't', action: 'take', label: 'Take the conversation' },
  { key: 'c', action: 'close', label: 'Close the conversation' },
  { key: '/', action: 'search', label: 'Search conversations' },
  { key: '?', action: 'help', label: 'Show these shortcuts' },
];

/**
 * The shortcut a key press asks for, or null. Keys typed into a field are text, and presses with
 * Ctrl, Alt or Meta belong to the browser and the system.
 */
export function shortcutFor(event: KeyboardEvent): ShortcutAction | null {
  if (event.defaultPrevented || event.ctrlKey || event.altKey || event.metaKey) return null;
  if (isTypingTarget(event.target)) return null;
  return SHORTCUTS.find((shortcut) => shortcut.key === event.key)?.action ?? null;
}

function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  // Checkboxes, radios and buttons take no text; every other input does.
  return (
    target instanceof HTMLInputElement &&
    !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file'].includes(
      target.type,
    )
  );
}
