/**
 * Arrow keys, Home and End along a row of score buttons (one tab stop for the whole row, as in a
 * radio group): the index to move to, or null for any other key. The ends do not wrap round, so
 * holding an arrow stops at the end of the scale.
 */
export function scaleKeyTarget(key: string, at: number, count: number): number | null {
  switch (key) {
    case 'ArrowRight':
    case 'ArrowDown':
      return Math.min(count - 1, at + 1);
    case 'ArrowLeft':
    case 'ArrowUp':
      return Math.max(0, at - 1);
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}

/** Handles one key on a row of buttons: focuses the target and reports its index. */
export function onScaleKey(event: KeyboardEvent, onMove: (index: number) => void): void {
  const row = [...(event.currentTarget as HTMLElement).querySelectorAll('button')];
  const target = scaleKeyTarget(
    event.key,
    row.indexOf(event.target as HTMLButtonElement),
    row.length,
  );
  if (target === null) return;
  event.preventDefault();
  row[target]?.focus();
  onMove(target);
}
