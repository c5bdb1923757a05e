import type { Relay } from '../conversations/relay';

/**
 * Agents whose consoles have all been gone longer than the grace period go offline, and their
 * chats go back to the head of the queue. A dropped connection or a relay restart is not a
 * departure: the agent has `graceMs` to come back (to any relay) and keep their chats.
 */
export async function releaseDepartedAgents(relay: Relay, graceMs: number): Promise<number> {
  const { store, presence } = relay;
  const holding = new Set<string>();
  for (const conversation of await store.listOpenConversations()) {
    if (conversation.status === 'active' && conversation.agentId) holding.add(conversation.agentId);
  }
  let released = 0;
  for (const agent of await store.listAgents()) {
    if (agent.status === 'offline' && !holding.has(agent.id)) continue;
    const absentSince = await presence.absentSince(agent.id);
    // Presence clocks are wall clocks (shared across relays), not the test-adjustable one.
    if (absentSince === null || Date.now() - absentSince < graceMs) continue;
    await relay.conversations.requeueChatsOf(agent.id);
    released += 1;
  }
  return released;
}
