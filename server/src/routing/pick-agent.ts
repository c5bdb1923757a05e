/** One agent as routing sees them at the moment of a decision. */
export interface RoutingCandidate {
  agentId: string;
  /** Live chats currently assigned. */
  activeChats: number;
  capacity: number;
  /** Epoch ms since which the agent has had no new chat (or since they came online). */
  idleSince: number;
}

/**
 * Chooses who gets the next chat: the agent with the fewest active chats below capacity; ties go
 * to the agent idle longest. Candidates must already be online, connected and serving the site.
 * Returns null when everyone is at capacity.
 */
export function pickAgent(candidates: readonly RoutingCandidate[]): string | null {
  let best: RoutingCandidate | null = null;
  for (const candidate of candidates) {
    if (candidate.activeChats >= candidate.capacity) continue;
    if (
      best === null ||
      candidate.activeChats < best.activeChats ||
      (candidate.activeChats === best.activeChats && candidate.idleSince < best.idleSince)
    ) {
      best = candidate;
    }
  }
  return best?.agentId ?? null;
}
