import type { Messages } from '../text/messages';

/** A form field as the panel's forms describe it. */
export interface FieldSpec {
  key: string;
  label: string;
  type: 'text' | 'email' | 'tel' | 'textarea';
  required: boolean;
}

// Deliberately loose: the server validates for real; this only catches obvious typos.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Error text per field key; empty when the form can be sent. */
export function validate(
  fields: readonly FieldSpec[],
  values: Readonly<Record<string, string>>,
  t: Messages,
): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const field of fields) {
    const value = values[field.key]?.trim() ?? '';
    if (!value) {
      if (field.required) errors[field.key] = t.required;
    } else if (field.type === 'email' && !EMAIL.test(value)) {
      errors[field.key] = t.invalidEmail;
    }
  }
  return errors;
}
