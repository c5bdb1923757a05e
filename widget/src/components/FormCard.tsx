import { Field } from './Field';
import type { Form } from './use-form';
import type { FieldSpec } from './validation';

/** A card holding one form: title, intro, a field per spec and one primary submit button. */
export function FormCard(props: {
  title: string;
  intro: string;
  specs: readonly FieldSpec[];
  form: Form;
  submitLabel: string;
  busy: boolean;
}) {
  const { form } = props;
  return (
    <form class="card form" noValidate onSubmit={form.onSubmit}>
      <h3 class="card-title">{props.title}</h3>
      <p class="card-text">{props.intro}</p>
      {props.specs.map((spec) => (
        <Field
          key={spec.key}
          spec={spec}
          value={form.values[spec.key] ?? ''}
          error={form.errors[spec.key]}
          onInput={(value) => form.set(spec.key, value)}
        />
      ))}
      <button type="submit" class="primary" disabled={props.busy}>
        {props.submitLabel}
      </button>
    </form>
  );
}
