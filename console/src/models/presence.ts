import { computed, signal } from '@preact/signals';
import type { AgentConnection } from '../connection';
import { asRequestError, type RequestError } from '../api/request-error';
import type { Directory } from './directory';

/** The agent's own availability: routing only hands new chats to agents who are online. */
export function createPresence(deps: {
  connection: Pick<AgentConnection, 'request'>;
  directory: Directory;
}) {
  const { connection, directory } = deps;
  const online = computed(() => directory.me.value.status === 'online');
  const pending = signal(false);
  const error = signal<RequestError | null>(null);

  async function setOnline(next: boolean): Promise<void> {
    pending.value = true;
    error.value = null;
    try {
      const { agent } = await connection.request('agent:status', {
        status: next ? 'online' : 'away',
      });
      directory.applyAgent(agent);
    } catch (caught) {
      error.value = asRequestError(caught);
    } finally {
      pending.value = false;
    }
  }

  return { online, pending, error, setOnline };
}

export type Presence = ReturnType<typeof createPresence>;
