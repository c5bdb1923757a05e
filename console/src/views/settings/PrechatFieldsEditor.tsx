import type { PrechatField } from '@parley/shared';

const TYPES: readonly PrechatField['type'][] = ['text', 'email', 'tel'];

/** The questions the widget asks before a chat starts; `name` and `email` fill the profile. */
export function PrechatFieldsEditor(props: {
  fields: PrechatField[];
  onChange: (fields: PrechatField[]) => void;
}) {
  const { fields } = props;
  const update = (index: number, change: Partial<PrechatField>) =>
    props.onChange(fields.map((field, i) => (i === index ? { ...field, ...change } : field)));

  return (
    <fieldset>
      <legend>Pre-chat form</legend>
      {fields.length === 0 && <p class="muted">Visitors start chatting without a form.</p>}
      {fields.map((field, index) => (
        <div class="prechat-row" key={index} role="group" aria-label={`Field ${index + 1}`}>
          <label class="field">
            <span>Key</span>
            <input
              value={field.key}
              required
              onInput={(e) => update(index, { key: e.currentTarget.value })}
            />
          </label>
          <label class="field">
            <span>Label</span>
            <input
              value={field.label}
              required
              onInput={(e) => update(index, { label: e.currentTarget.value })}
            />
          </label>
          <label class="field">
            <span>Type</span>
            <select
              value={field.type}
              onChange={(e) =>
                update(index, { type: e.currentTarget.value as PrechatField['type'] })
              }
            >
              {TYPES.map((type) => (
                <option key={type} value={type}>
                  {type}
                </option>
              ))}
            </select>
          </label>
          <label class="check">
            <input
              type="checkbox"
              checked={field.required}
              onChange={(e) => update(index, { required: e.currentTarget.checked })}
            />
            Required
          </label>
          <button
            type="button"
            class="button button-ghost"
            aria-label={`Remove field ${field.label || index + 1}`}
            onClick={() => props.onChange(fields.filter((_, i) => i !== index))}
          >
            Remove
          </button>
        </div>
      ))}
      {fields.length < 10 && (
        <button
          type="button"
          class="button button-secondary"
          onClick={() => {
            const key = fields.some((f) => f.key === 'name') ? `field${fields.length + 1}` : 'name';
            const label = key === 'name' ? 'Name' : '';
            props.onChange([...fields, { key, label, type: 'text', required: false }]);
          }}
        >
          Add field
        </button>
      )}
    </fieldset>
  );
}
