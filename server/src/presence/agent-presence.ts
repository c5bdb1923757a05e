/**
 * Which agents have a console connected, on any relay process. Routing and availability ask
 * here; the grace-period chore asks since when an agent has been gone. In the process for the
 * embedded default, in Redis when REDIS_URL is set, so every node gives the same answer.
 */
export interface AgentPresence {
  /** A console of the agent connected to this relay. */
  connect(agentId: string, socketId: string): Promise<void>;
  /** That console disconnected. */
  disconnect(agentId: string, socketId: string): Promise<void>;
  /** Those of `agentIds` with a console connected anywhere, each with since when (epoch ms). */
  connected(agentIds: readonly string[]): Promise<Map<string, number>>;
  /**
   * Since when (epoch ms) the agent has had no console connected anywhere; null while one is.
   * An agent this presence has never seen counts as gone since the first time it is asked (after
   * a restart, everyone gets a full grace period to reconnect).
   */
  absentSince(agentId: string): Promise<number | null>;
  /** Stops timers and connections. */
  close(): Promise<void>;
}
