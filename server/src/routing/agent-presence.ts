/**
 * Which agents have a console connected right now, and since when each has been without a new chat.
 * A dropped connection is not treated as gone until a grace period passes, so a flaky network or
 * a server restart doesn't take chats away from the agent serving them.
 */
export class AgentPresence {
  private readonly sockets = new Map<string, number>();
  private readonly graceTimers = new Map<string, NodeJS.Timeout>();
  private readonly idle = new Map<string, number>();

  constructor(
    private readonly graceMs: number,
    private readonly onGone: (agentId: string) => void,
    private readonly now: () => number,
  ) {}

  /** Records a new console connection; true when it is the agent's first. */
  connect(agentId: string): boolean {
    this.cancelGrace(agentId);
    const count = (this.sockets.get(agentId) ?? 0) + 1;
    this.sockets.set(agentId, count);
    if (count === 1 && !this.idle.has(agentId)) this.idle.set(agentId, this.now());
    return count === 1;
  }

  /** Records a closed connection; the last one starts the grace period. */
  disconnect(agentId: string): void {
    const count = (this.sockets.get(agentId) ?? 1) - 1;
    if (count > 0) {
      this.sockets.set(agentId, count);
      return;
    }
    this.sockets.delete(agentId);
    this.startGrace(agentId);
  }

  /** Starts the grace period for an agent who is not connected (used after a restart). */
  startGrace(agentId: string): void {
    if (this.sockets.has(agentId) || this.graceTimers.has(agentId)) return;
    const timer = setTimeout(() => {
      this.graceTimers.delete(agentId);
      this.idle.delete(agentId);
      this.onGone(agentId);
    }, this.graceMs);
    timer.unref();
    this.graceTimers.set(agentId, timer);
  }

  /** True while at least one console of the agent is connected. */
  isConnected(agentId: string): boolean {
    return this.sockets.has(agentId);
  }

  /** True while connected or inside the grace period. */
  isPresent(agentId: string): boolean {
    return this.sockets.has(agentId) || this.graceTimers.has(agentId);
  }

  /** Epoch ms since the agent last received a chat (or connected). */
  idleSince(agentId: string): number {
    return this.idle.get(agentId) ?? this.now();
  }

  /** Notes that the agent just received a chat. */
  markAssigned(agentId: string): void {
    this.idle.set(agentId, this.now());
  }

  /** Stops every timer (server shutdown). */
  stop(): void {
    for (const timer of this.graceTimers.values()) clearTimeout(timer);
    this.graceTimers.clear();
  }

  private cancelGrace(agentId: string): void {
    const timer = this.graceTimers.get(agentId);
    if (timer) clearTimeout(timer);
    this.graceTimers.delete(agentId);
  }
}
