import { signal } from '@preact/signals';
import type { Agent, AgentCreate, AgentUpdate } from '@parley/shared';
import type { ApiClient } from '../api/api-client';
import type { RequestError } from '../api/request-error';
import { trackedRequest } from './tracked-request';

/** Owners' team settings: add agents and set their role, capacity and sites. */
export function createAgentsAdmin(deps: {
  api: Pick<ApiClient, 'listAgents' | 'createAgent' | 'updateAgent'>;
  onAgent: (agent: Agent) => void;
}) {
  const { api, onAgent } = deps;
  const items = signal<Agent[]>([]);
  const loading = signal(false);
  const loadError = signal<RequestError | null>(null);
  const saving = signal(false);
  const saveError = signal<RequestError | null>(null);
  const saved = signal<string | null>(null);

  function put(agent: Agent): void {
    const index = items.value.findIndex((entry) => entry.id === agent.id);
    items.value =
      index === -1
        ? [...items.value, agent]
        : items.value.map((entry) => (entry.id === agent.id ? agent : entry));
    onAgent(agent);
  }

  async function load(): Promise<void> {
    await trackedRequest(loading, loadError, async () => {
      items.value = (await api.listAgents()).items;
    });
  }

  function save(label: string, run: () => Promise<Agent>): Promise<boolean> {
    saved.value = null;
    return trackedRequest(saving, saveError, async () => {
      put(await run());
      saved.value = label;
    });
  }

  const create = (body: AgentCreate) =>
    save(`${body.name} was added.`, () => api.createAgent(body));
  const update = (agentId: string, patch: AgentUpdate) =>
    save('Changes saved.', () => api.updateAgent(agentId, patch));

  /** Live presence changes from the relay. */
  function applyAgent(agent: Agent): void {
    if (items.value.some((entry) => entry.id === agent.id)) {
      items.value = items.value.map((entry) => (entry.id === agent.id ? agent : entry));
    }
  }

  /** An account removed, or one that no longer serves any of our sites. */
  function removeAgent(agentId: string): void {
    items.value = items.value.filter((entry) => entry.id !== agentId);
  }

  return {
    items,
    loading,
    loadError,
    saving,
    saveError,
    saved,
    load,
    create,
    update,
    applyAgent,
    removeAgent,
  };
}

export type AgentsAdmin = ReturnType<typeof createAgentsAdmin>;
