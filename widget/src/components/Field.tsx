import { useId } from 'preact/hooks';
import type { FieldSpec } from './validation';

interface Props {
  spec: FieldSpec;
  value: string;
  error: string | undefined;
  onInput: (value: string) => void;
  placeholder?: string;
}

const AUTOCOMPLETE: Record<string, string> = { name: 'name', email: 'email', tel: 'tel' };

/** A labelled input with its error. The label alone names it ("Name", "Email"). */
export function Field({ spec, value, error, onInput, placeholder }: Props) {
  const id = useId();
  const errorId = `${id}-error`;
  const common = {
    id,
    name: spec.key,
    value,
    placeholder,
    required: spec.required,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error ? errorId : undefined,
    onInput: (event: { currentTarget: HTMLInputElement | HTMLTextAreaElement }) =>
      onInput(event.currentTarget.value),
  };
  return (
    <div class={`field${error ? ' has-error' : ''}`}>
      <div class="label-row">
        <label for={id}>{spec.label}</label>
        {/* Outside the label so it never becomes part of the field's accessible name. */}
        {spec.required && (
          <span class="required-mark" aria-hidden="true">
            *
          </span>
        )}
      </div>
      {spec.type === 'textarea' ? (
        <textarea rows={4} {...common} />
      ) : (
        <input
          type={spec.type}
          autoComplete={AUTOCOMPLETE[spec.key] ?? AUTOCOMPLETE[spec.type] ?? 'on'}
          {...common}
        />
      )}
      {error && (
        <p class="field-error" id={errorId}>
          {error}
        </p>
      )}
    </div>
  );
}
