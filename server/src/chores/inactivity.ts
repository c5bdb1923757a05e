import { MISSED_TAG, ParleyError } from '@parley/shared';
import { digestSoon } from '../conversations/owner-digest';
import type { Relay } from '../conversations/relay';

/** Closes live chats whose last activity is older than their site's inactivity timeout. */
export async function closeInactive(relay: Relay): Promise<number> {
  let closed = 0;
  const sites = new Map<string, number | null>();
  for (const conversation of await relay.store.listOpenConversations()) {
    if (conversation.kind !== 'chat') continue;
    if (!sites.has(conversation.siteId)) {
      const site = await relay.store.getSite(conversation.siteId);
      sites.set(conversation.siteId, site ? site.widget.inactivityTimeoutMinutes * 60_000 : null);
    }
    const timeoutMs = sites.get(conversation.siteId);
    if (timeoutMs == null) continue;
    const lastActivity = Date.parse(conversation.lastMessageAt ?? conversation.createdAt);
    if (relay.now() - lastActivity < timeoutMs) continue;
    try {
      const after = await relay.conversations.close(conversation.id, 'inactivity');
      closed += 1;
      // Nobody answered before the visitor went quiet: the owners hear of it.
      if (after.tags.includes(MISSED_TAG)) await digestSoon(relay, after.siteId);
    } catch (error) {
      // Closed by someone else since the list was read.
      if (!(error instanceof ParleyError)) throw error;
    }
  }
  return closed;
}
