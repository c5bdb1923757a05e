import type { Conversation } from '@parley/shared';

/**
 * Which chats are mine as far as this console knows, so a chat that becomes mine (routed,
 * transferred, or taken in another tab) can be told apart from news of one I already had.
 */
export function createMineArrivals(meId: () => string) {
  const mine = new Set<string>();

  const isMine = (conversation: Conversation) =>
    conversation.status === 'active' && conversation.agentId === meId();

  /** Records a conversation's state quietly (from a list the console loaded). */
  function track(conversation: Conversation): void {
    if (isMine(conversation)) mine.add(conversation.id);
    else mine.delete(conversation.id);
  }

  /** Records an announced state; true when the conversation has just become mine. */
  function arrived(conversation: Conversation): boolean {
    const before = mine.has(conversation.id);
    track(conversation);
    return !before && mine.has(conversation.id);
  }

  return { track, arrived };
}
