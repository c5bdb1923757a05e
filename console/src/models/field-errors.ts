import type { RequestError } from '../api/request-error';

/** What is wrong, in words, and which field of a form it is about. */
export interface FieldError<F extends string> {
  field: F;
  text: string;
}

/** A path the relay names in VALIDATION_FAILED ("widget.color: …"), the field, and the words. */
export type FieldTable<F extends string> = readonly [path: string, field: F, text: string][];

/**
 * The field a VALIDATION_FAILED refusal is about, when `table` knows its path: the relay names the
 * first bad field by its path, an owner reads the field's label and what it takes instead. A path
 * matches its own entry or the first entry it lies under, so put longer paths first.
 */
export function fieldErrorOf<F extends string>(
  error: RequestError | null,
  table: FieldTable<F>,
): FieldError<F> | null {
  if (error?.code !== 'VALIDATION_FAILED') return null;
  const path = error.message.split(':')[0]?.trim() ?? '';
  const found = table.find(([prefix]) => path === prefix || path.startsWith(`${prefix}.`));
  return found ? { field: found[1], text: found[2] } : null;
}
