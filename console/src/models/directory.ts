import { computed, signal } from '@preact/signals';
import type { Agent, AgentSession, Site } from '@parley/shared';
import type { ConnectionState } from '../connection';

/** Who is signed in, the sites they serve and their colleagues, as the relay last told us. */
export function createDirectory(agent: Agent) {
  const me = signal<Agent>(agent);
  const sites = signal<Site[]>([]);
  const agents = signal<Agent[]>([agent]);
  const connection = signal<ConnectionState>('connecting');
  const isOwner = computed(() => me.value.role === 'owner');

  function applySession(session: AgentSession): void {
    me.value = session.agent;
    sites.value = session.sites;
    agents.value = upsert(session.agents, session.agent);
  }

  function applyAgent(agent: Agent): void {
    if (agent.id === me.value.id) me.value = agent;
    agents.value = upsert(agents.value, agent);
  }

  /** A colleague who no longer shares a site with us, or whose account is gone. */
  function removeAgent(agentId: string): void {
    if (agentId === me.value.id) return;
    agents.value = agents.value.filter((agent) => agent.id !== agentId);
  }

  function applySite(site: Site): void {
    sites.value = upsert(sites.value, site);
  }

  function siteName(siteId: string): string {
    return sites.value.find((site) => site.id === siteId)?.name ?? '';
  }

  function agentName(agentId: string | null): string | null {
    if (!agentId) return null;
    return agents.value.find((agent) => agent.id === agentId)?.name ?? null;
  }

  /** Colleagues who can take over a chat of `siteId`: they serve it, or own it. */
  function transferTargets(siteId: string): Agent[] {
    const ownerId = sites.value.find((site) => site.id === siteId)?.ownerId;
    return agents.value.filter(
      (agent) =>
        agent.id !== me.value.id && (agent.siteIds.includes(siteId) || agent.id === ownerId),
    );
  }

  return {
    me,
    sites,
    agents,
    connection,
    isOwner,
    applySession,
    applyAgent,
    removeAgent,
    applySite,
    siteName,
    agentName,
    transferTargets,
  };
}

export type Directory = ReturnType<typeof createDirectory>;

function upsert<T extends { id: string }>(list: readonly T[], item: T): T[] {
  const index = list.findIndex((entry) => entry.id === item.id);
  if (index === -1) return [...list, item];
  const next = list.slice();
  next[index] = item;
  return next;
}
