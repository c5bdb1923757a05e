import type { AgentPresence } from './agent-presence';

/** Presence of one relay process: the embedded default, where this process is the cluster. */
export class MemoryPresence implements AgentPresence {
  /** Agent id → ids of their connected sockets. */
  readonly #sockets = new Map<string, Set<string>>();
  readonly #connectedSince = new Map<string, number>();
  readonly #absentSince = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  async connect(agentId: string, socketId: string): Promise<void> {
    let sockets = this.#sockets.get(agentId);
    if (!sockets) {
      this.#sockets.set(agentId, (sockets = new Set()));
      this.#connectedSince.set(agentId, this.now());
    }
    sockets.add(socketId);
    this.#absentSince.delete(agentId);
  }

  async disconnect(agentId: string, socketId: string): Promise<void> {
    const sockets = this.#sockets.get(agentId);
    if (!sockets?.delete(socketId) || sockets.size > 0) return;
    this.#sockets.delete(agentId);
    this.#connectedSince.delete(agentId);
    this.#absentSince.set(agentId, this.now());
  }

  async connected(agentIds: readonly string[]): Promise<Map<string, number>> {
    const result = new Map<string, number>();
    for (const id of agentIds) {
      const since = this.#connectedSince.get(id);
      if (since !== undefined) result.set(id, since);
    }
    return result;
  }

  async absentSince(agentId: string): Promise<number | null> {
    if (this.#sockets.has(agentId)) return null;
    let since = this.#absentSince.get(agentId);
    if (since === undefined) this.#absentSince.set(agentId, (since = this.now()));
    return since;
  }

  async close(): Promise<void> {}
}
