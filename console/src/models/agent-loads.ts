import { signal } from '@preact/signals';
import type { AgentConnection } from '../connection';
import { asRequestError, type RequestError } from '../api/request-error';

/**
 * How many live chats each colleague holds, asked for when it matters (the Transfer menu opens)
 * rather than announced on every assignment to every console.
 */
export function createAgentLoads(deps: { connection: Pick<AgentConnection, 'request'> }) {
  /** Live chats by agent id, as of the last answer; null before the first. */
  const loads = signal<Readonly<Record<string, number>> | null>(null);
  const error = signal<RequestError | null>(null);

  async function refresh(): Promise<void> {
    try {
      const answer = await deps.connection.request('agent:loads', {});
      loads.value = Object.fromEntries(
        answer.loads.map((load) => [load.agentId, load.activeChats]),
      );
      error.value = null;
    } catch (caught) {
      error.value = asRequestError(caught);
    }
  }

  return { loads, error, refresh };
}

export type AgentLoads = ReturnType<typeof createAgentLoads>;
