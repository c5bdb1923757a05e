import type { Relay } from '../conversations/relay';

/**
 * Agents whose consoles have all been gone longer than the grace period go offline, and their
 * chats go back to the head of the queue. A dropped connection or a relay restart is not a
 * departure: the agent has `graceMs` to come back (to any relay) and keep their chats.
 */
export async function releaseDepartedAgents(relay: Relay, graceMs: number): Promise<number> {
  const { store, presence } = relay;
  const agents = await store.listAgents();
  // Counted from the store's per-agent index, not by reading every open conversation each round.
  const held = await store.activeChatCounts(agents.map((agent) => agent.id));
  let released = 0;
  for (const agent of agents) {
    if (agent.status === 'offline' && !held.get(agent.id)) continue;
    const absentSince = await presence.absentSince(agent.id);
    // Presence clocks are wall clocks (shared across relays), not the test-adjustable one.
    if (absentSince === null || Date.now() - absentSince < graceMs) continue;
    await relay.conversations.requeueChatsOf(agent.id);
    released += 1;
  }
  return released;
}
