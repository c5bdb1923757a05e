import type { Agent, AgentRole, Site } from '@parley/shared';
import { useState } from 'preact/hooks';

/** What the agent form submits; the password is only sent when one was typed. */
export interface AgentFormValues {
  name: string;
  email: string;
  password: string;
  role: AgentRole;
  capacity: number;
  siteIds: string[];
}

/** Adds an agent, or changes one's role, capacity, sites (and password). */
export function AgentForm(props: {
  agent?: Agent;
  sites: Site[];
  saving: boolean;
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

  async function submit(event: Event): Promise<void> {
    event.preventDefault();
    const ok = await props.onSubmit(values);
    if (ok && !editing) setValues({ ...values, name: '', email: '', password: '' });
  }

  return (
    <form class="agent-form" onSubmit={(event) => void submit(event)}>
      <div class="field-row">
        <label class="field">
          <span>Name</span>
          <input
            value={values.name}
            required
            maxLength={100}
            onInput={(e) => set('name', e.currentTarget.value)}
          />
        </label>
        <label class="field">
          <span>Email address</span>
          <input
            type="email"
            value={values.email}
            required
            disabled={editing}
            onInput={(e) => set('email', e.currentTarget.value)}
          />
        </label>
        <label class="field">
          <span>{editing ? 'New password (optional)' : 'Initial password'}</span>
          <input
            type="password"
            autoComplete="new-password"
            minLength={8}
            required={!editing}
            value={values.password}
            onInput={(e) => set('password', e.currentTarget.value)}
          />
        </label>
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
        <label class="field">
          <span>Capacity (chats at once)</span>
          <input
            type="number"
            min={1}
            max={100}
            required
            value={values.capacity}
            onInput={(e) => set('capacity', Number(e.currentTarget.value))}
          />
        </label>
      </div>
      <fieldset class="site-checks">
        <legend>Sites served</legend>
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
