import type { AgentUpdate, Site } from '@parley/shared';
import { useState } from 'preact/hooks';
import { ErrorNotice } from '../../components/ErrorNotice';
import { agentFieldError } from '../../models/agent-field-errors';
import type { AgentsAdmin } from '../../models/agents-admin';
import { AgentForm, type AgentFormValues } from './AgentForm';

/** The team: who answers which sites, how many chats at once, and who may change settings. */
export function AgentsSettings(props: { admin: AgentsAdmin; sites: Site[]; meId: string }) {
  const { admin, sites } = props;
  const [editing, setEditing] = useState<string | null>(null);
  const siteName = (id: string) => sites.find((site) => site.id === id)?.name ?? id;

  async function update(agentId: string, values: AgentFormValues): Promise<boolean> {
    const patch: AgentUpdate = {
      name: values.name,
      role: values.role,
      capacity: values.capacity,
      siteIds: values.siteIds,
      ...(values.password ? { password: values.password } : {}),
    };
    const ok = await admin.update(agentId, patch);
    if (ok) setEditing(null);
    return ok;
  }

  return (
    <div class="settings-stack">
      <ErrorNotice error={admin.loadError.value} onRetry={() => void admin.load()} />
      {/* A refusal about one field is said next to that field, in the form that sent it. */}
      <ErrorNotice
        error={agentFieldError(admin.saveError.value) ? null : admin.saveError.value}
        onDismiss={() => (admin.saveError.value = null)}
      />
      {admin.saved.value && (
        <p class="notice notice-success" role="status">
          {admin.saved.value}
        </p>
      )}
      <section class="card">
        <h2>Team</h2>
        <table class="table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Role</th>
              <th scope="col">Capacity</th>
              <th scope="col">Sites</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span class="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {admin.items.value.map((agent) =>
              editing === agent.id ? (
                <tr key={agent.id}>
                  <td colSpan={6}>
                    <AgentForm
                      agent={agent}
                      sites={sites}
                      saving={admin.saving.value}
                      saveError={admin.saveError.value}
                      submitLabel="Save agent"
                      onSubmit={(values) => update(agent.id, values)}
                      onCancel={() => setEditing(null)}
                    />
                  </td>
                </tr>
              ) : (
                <tr key={agent.id}>
                  <td>
                    <strong>{agent.name}</strong>
                    {agent.id === props.meId && <span class="muted"> (you)</span>}
                    <div class="muted">{agent.email}</div>
                  </td>
                  <td>{agent.role === 'owner' ? 'Owner' : 'Agent'}</td>
                  <td>{agent.capacity} chats</td>
                  <td>
                    {agent.siteIds.map(siteName).join(', ') || <span class="muted">None</span>}
                  </td>
                  <td>
                    <span class={`dot dot-${agent.status}`} aria-hidden="true" /> {agent.status}
                  </td>
                  <td>
                    <button
                      type="button"
                      class="button button-ghost"
                      aria-label={`Edit ${agent.name}`}
                      onClick={() => setEditing(agent.id)}
                    >
                      Edit
                    </button>
                  </td>
                </tr>
              ),
            )}
          </tbody>
        </table>
      </section>
      <section class="card">
        <h2>Add an agent</h2>
        <AgentForm
          sites={sites}
          saving={admin.saving.value}
          saveError={admin.saveError.value}
          submitLabel="Add agent"
          onSubmit={(values) => admin.create(values)}
        />
      </section>
    </div>
  );
}
