import type { Hub } from '../conversations/hub';
import { publicAgent } from '../conversations/hub';

/** An agent stayed away past the grace period: their chats go back to the head of the queue. */
export async function requeueChatsOf(hub: Hub, agentId: string): Promise<void> {
  try {
    const agent = await hub.store.getAgent(agentId);
    if (!agent) return;
    if (agent.status !== 'offline') {
      const updated = await hub.store.updateAgent({ ...agent, status: 'offline' });
      for (const siteId of agent.siteIds) {
        hub.broadcast.toSiteAgents(siteId, 'agent:updated', { agent: publicAgent(updated) });
        await hub.announceAvailability(siteId);
      }
    }
    const sites = new Set<string>();
    for (const { id } of hub.open.activeChatsOf(agentId)) {
      await hub.locks.run(`conversation:${id}`, async () => {
        // Closed or handed on while we waited for the lock: not this agent's any more.
        const conversation = hub.open.get(id);
        if (conversation?.status !== 'active' || conversation.agentId !== agentId) return;
        const head = hub.open.queueOf(conversation.siteId)[0];
        // Keep the original time unless someone waiting was queued earlier: then go just ahead of them.
        const headTime = head?.queuedAt ? Date.parse(head.queuedAt) - 1 : Infinity;
        const ownTime = Date.parse(conversation.queuedAt ?? conversation.createdAt);
        await hub.updateConversation(id, {
          status: 'queued',
          agentId: null,
          assignedAt: null,
          queuedAt: new Date(Math.min(ownTime, headTime)).toISOString(),
        });
        sites.add(conversation.siteId);
      });
    }
    for (const siteId of sites) await hub.routeSite(siteId);
  } catch (error) {
    hub.deps.logger.error({ err: error, agentId }, 'could not requeue chats of a departed agent');
  }
}
