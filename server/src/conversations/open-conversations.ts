import type { Conversation } from '@parley/shared';

/**
 * The conversations that are not closed, kept in memory: routing decisions (queue order, active
 * chats per agent) and "which conversation is this visitor in" are answered here without a store
 * query. Rebuilt from the store at start.
 */
export class OpenConversations {
  private readonly byId = new Map<string, Conversation>();

  /** Records the latest state of a conversation; a closed one is forgotten. */
  put(conversation: Conversation): void {
    if (conversation.status === 'closed') this.byId.delete(conversation.id);
    else this.byId.set(conversation.id, conversation);
  }

  get(id: string): Conversation | undefined {
    return this.byId.get(id);
  }

  /** The visitor's open live chat, if any. */
  chatOf(visitorId: string): Conversation | undefined {
    for (const conversation of this.byId.values()) {
      if (conversation.visitorId === visitorId && conversation.kind === 'chat') return conversation;
    }
    return undefined;
  }

  /** Live chats assigned to an agent: what counts against their capacity. */
  activeChatsOf(agentId: string): Conversation[] {
    return [...this.byId.values()].filter(
      (c) => c.agentId === agentId && c.status === 'active' && c.kind === 'chat',
    );
  }

  /** A site's waiting live chats, first in line first. */
  queueOf(siteId: string): Conversation[] {
    return [...this.byId.values()]
      .filter((c) => c.siteId === siteId && c.status === 'queued' && c.kind === 'chat')
      .sort((a, b) => (a.queuedAt ?? '').localeCompare(b.queuedAt ?? ''));
  }

  /** 1-based place in the site's queue, or null when not queued. */
  queuePosition(conversation: Conversation): number | null {
    if (conversation.status !== 'queued' || conversation.kind !== 'chat') return null;
    const index = this.queueOf(conversation.siteId).findIndex((c) => c.id === conversation.id);
    return index === -1 ? null : index + 1;
  }

  /** Every open conversation. */
  all(): Conversation[] {
    return [...this.byId.values()];
  }
}
