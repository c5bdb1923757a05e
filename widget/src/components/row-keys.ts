/**
 * Arrow keys, Home and End along a row of buttons (a score scale, a menu's items): the index to
 * move to, or null for any other key. The ends do not wrap round, so holding an arrow stops at
 * the end of the scale or the menu.
 */
export function rowKeyTarget(key: string, at: number, count: number): number | null {
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

/**
 * Handles one key on a row of buttons (one tab stop for the whole row, as in a radio group):
 * focuses the target and reports its index; true when the key was one of the row's.
 */
export function onRowKey(event: KeyboardEvent, onMove?: (index: number) => void): boolean {
  const row = [...(event.currentTarget as HTMLElement).querySelectorAll('button')];
  const target = rowKeyTarget(
    event.key,
    row.indexOf(event.target as HTMLButtonElement),
    row.length,
  );
  if (target === null) return false;
  event.preventDefault();
  row[target]?.focus();
  onMove?.(target);
  return true;
}
