import { useState } from 'preact/hooks';
import type { Messages } from '../text/messages';
import { validate, type FieldSpec } from './validation';

/** Values and errors of one form, and a submit handler that validates first. */
export function useForm(
  fields: readonly FieldSpec[],
  initial: Record<string, string>,
  t: Messages,
  onValid: (values: Record<string, string>) => void,
) {
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  return {
    values,
    errors,
    set(key: string, value: string) {
      setValues((v) => ({ ...v, [key]: value }));
      if (errors[key]) {
        setErrors((current) => {
          const next = { ...current };
          delete next[key];
          return next;
        });
      }
    },
    onSubmit(event: Event) {
      event.preventDefault();
      const found = validate(fields, values, t);
      setErrors(found);
      const form = event.currentTarget as HTMLFormElement;
      if (Object.keys(found).length) {
        // After the re-render, take keyboard users straight to the first thing to fix.
        requestAnimationFrame(() =>
          form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(),
        );
        return;
      }
      onValid(Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v.trim()])));
    },
  };
}

/** What `useForm` returns: the state and handlers a form component renders from. */
export type Form = ReturnType<typeof useForm>;
