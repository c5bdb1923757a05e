import type { Agent, AgentRole, Site } from '@parley/shared';
import { useEffect, useId, useState } from 'preact/hooks';
import type { RequestError } from '../../api/request-error';
import { FieldErrorText } from '../../components/FieldErrorText';
import { agentFieldError, type AgentField } from '../../models/agent-field-errors';

/** What the agent form submits; the password is only sent when one was typed. */
export interface AgentFormValues {
  name: string;
  email: string;
  password: string;
  role: AgentRole;
  capacity: number;
  siteIds: string[];
}

/**
 * Adds an agent, or changes one's role, capacity, sites (and password). A refusal of this form's
 * save about one field is said in words under that field.
 */
export function AgentForm(props: {
  agent?: Agent;
  sites: Site[];
  saving: boolean;
  /** Why the last save of the team was refused, if it was; shown here only after this form's save. */
  saveError: RequestError | null;
  submitLabel: string;
  onSubmit: (values: AgentFormValues) => Promise<boolean>;
  onCancel?: () => void;
}) {
  const editing = props.agent !== undefined;
  const [values, setValues] = useState<AgentFormValues>({
    name: props.agent?.name ?? '',
    email: props.agent?.email ?? '',
    password: '',
    role: props.agent?.role ?? 'agent',
    capacity: props.agent?.capacity ?? 5,
    siteIds: props.agent?.siteIds ?? props.sites.map((site) => site.id),
  });
  const set = <K extends keyof AgentFormValues>(key: K, value: AgentFormValues[K]) =>
    setValues((current) => ({ ...current, [key]: value }));
  const [submittedHere, setSubmittedHere] = useState(false);
  const problem = submittedHere ? agentFieldError(props.saveError) : null;
  const base = useId();
  const inputId = (field: AgentField) => `${base}-${field}`;
  const errorId = (field: AgentField) => `${base}-${field}-error`;
  const errorText = (field: AgentField) => (problem?.field === field ? problem.text : null);
  const invalid = (field: AgentField) =>
    problem?.field === field
      ? { 'aria-invalid': true as const, 'aria-describedby': errorId(field) }
      : {};

  useEffect(() => {
    if (problem) document.getElementById(inputId(problem.field))?.focus();
  }, [problem?.field, problem?.text]);

  async function submit(event: Event): Promise<void> {
    event.preventDefault();
    setSubmittedHere(true);
    const ok = await props.onSubmit(values);
    if (ok && !editing) setValues({ ...values, name: '', email: '', password: '' });
  }

  return (
    <form class="agent-form" onSubmit={(event) => void submit(event)}>
      <div class="field-row">
        <div class="field">
          <label for={inputId('name')}>Name</label>
          <input
            id={inputId('name')}
            value={values.name}
            required
            maxLength={100}
            {...invalid('name')}
            onInput={(e) => set('name', e.currentTarget.value)}
          />
          <FieldErrorText id={errorId('name')} text={errorText('name')} />
        </div>
        <div class="field">
          <label for={inputId('email')}>Email address</label>
          <input
            id={inputId('email')}
            type="email"
            value={values.email}
            required
            disabled={editing}
            {...invalid('email')}
            onInput={(e) => set('email', e.currentTarget.value)}
          />
          <FieldErrorText id={errorId('email')} text={errorText('email')} />
        </div>
        <div class="field">
          <label for={inputId('password')}>
            {editing ? 'New password (optional)' : 'Initial password'}
          </label>
          <input
            type="password"
            autoComplete="new-password"
            minLength={8}
            required={!editing}
            id={inputId('password')}
            value={values.password}
            {...invalid('password')}
            onInput={(e) => set('password', e.currentTarget.value)}
          />
          <FieldErrorText id={errorId('password')} text={errorText('password')} />
        </div>
      </div>
      <div class="field-row">
        <label class="field">
          <span>Role</span>
          <select
            value={values.role}
            onChange={(e) => set('role', e.currentTarget.value as AgentRole)}
          >
            <option value="agent">Agent</option>
            <option value="owner">Owner</option>
          </select>
        </label>
        <div class="field">
          <label for={inputId('capacity')}>Capacity (chats at once)</label>
          <input
            type="number"
            min={1}
            max={100}
            required
            id={inputId('capacity')}
            value={values.capacity}
            {...invalid('capacity')}
            onInput={(e) => set('capacity', Number(e.currentTarget.value))}
          />
          <FieldErrorText id={errorId('capacity')} text={errorText('capacity')} />
        </div>
      </div>
      <fieldset class="site-checks">
        <legend>Sites served</legend>
        <FieldErrorText id={errorId('siteIds')} text={errorText('siteIds')} />
        {props.sites.map((site) => (
          <label key={site.id} class="check">
            <input
              type="checkbox"
              checked={values.siteIds.includes(site.id)}
              onChange={(e) =>
                set(
                  'siteIds',
                  e.currentTarget.checked
                    ? [...values.siteIds, site.id]
                    : values.siteIds.filter((id) => id !== site.id),
                )
              }
            />
            {site.name}
          </label>
        ))}
      </fieldset>
      <div class="form-actions">
        {props.onCancel && (
          <button type="button" class="button button-ghost" onClick={props.onCancel}>
            Cancel
          </button>
        )}
        <button type="submit" class="button button-primary" disabled={props.saving}>
          {props.submitLabel}
        </button>
      </div>
    </form>
  );
}
