import type { Relay } from '../conversations/relay';

const DAY_MS = 86_400_000;

/**
 * Deletes, on every site with a retention period, the conversations (and their messages) closed
 * more than `retentionDays` ago. Returns how many went. Sites from before the setting existed
 * have none: kept forever.
 */
export async function deleteExpiredConversations(relay: Relay): Promise<number> {
  let deleted = 0;
  for (const site of await relay.store.listSites()) {
    const days = site.widget.retentionDays ?? null;
    if (days === null) continue;
    const before = new Date(relay.now() - days * DAY_MS).toISOString();
    const ids = await relay.store.deleteClosedConversations(site.id, before);
    // After the conversations: a file whose conversation is gone is never served anyway.
    await relay.store.files.deleteForConversations(ids);
    if (ids.length > 0) {
      // Ids only: what was deleted must not live on in the log.
      relay.logger.info(
        { siteId: site.id, retentionDays: days, conversationIds: ids },
        'retention deleted conversations',
      );
    }
    deleted += ids.length;
  }
  return deleted;
}
