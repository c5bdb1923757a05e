import { ParleyError } from '@parley/shared';
import type { Hub } from './hub';

/** Closes live chats whose last activity is older than their site's inactivity timeout. */
export async function closeInactive(hub: Hub): Promise<number> {
  let closed = 0;
  for (const conversation of hub.open.all()) {
    if (conversation.kind !== 'chat') continue;
    const site = await hub.store.getSite(conversation.siteId);
    if (!site) continue;
    const lastActivity = Date.parse(conversation.lastMessageAt ?? conversation.createdAt);
    if (hub.deps.now() - lastActivity < site.widget.inactivityTimeoutMinutes * 60_000) continue;
    try {
      await hub.close(conversation.id, 'inactivity');
      closed += 1;
    } catch (error) {
      if (!(error instanceof ParleyError)) throw error;
    }
  }
  return closed;
}
