import { MISSED_TAG, type Conversation, type ConversationQuery } from '@parley/shared';

/** The inbox's folders, in the order they are shown. */
// Missed came later: appended, so the first five keep their places (tests outside rely on them).
export const INBOX_TABS = ['queue', 'mine', 'all', 'offline', 'closed', 'missed'] as const;
/** One of {@link INBOX_TABS}. */
export type InboxTab = (typeof INBOX_TABS)[number];

/**
 * What the relay is asked for each tab, matching how it counts them. "All" and "Offline" hold open
 * conversations only, which the relay's `open` status (queued or active) selects. "Missed" holds
 * chats nobody answered that nobody has followed up yet (an answer reopens them as a follow-up).
 */
export function tabQuery(tab: InboxTab, meId: string): ConversationQuery {
  switch (tab) {
    case 'queue':
      return { status: 'queued', kind: 'chat' };
    case 'mine':
      return { status: 'active', agentId: meId };
    case 'all':
      return { kind: 'chat', status: 'open' };
    case 'offline':
      return { kind: 'offline', status: 'open' };
    case 'missed':
      return { kind: 'chat', status: 'closed', tag: MISSED_TAG };
    case 'closed':
      return { status: 'closed' };
  }
}

/** Whether a conversation (e.g. from a live event) is listed under `tab`. */
export function belongsTo(tab: InboxTab, conversation: Conversation, meId: string): boolean {
  switch (tab) {
    case 'queue':
      return conversation.kind === 'chat' && conversation.status === 'queued';
    case 'mine':
      return conversation.status === 'active' && conversation.agentId === meId;
    case 'all':
      return conversation.kind === 'chat' && conversation.status !== 'closed';
    case 'offline':
      return conversation.kind === 'offline' && conversation.status !== 'closed';
    case 'missed':
      return (
        conversation.kind === 'chat' &&
        conversation.status === 'closed' &&
        conversation.tags.includes(MISSED_TAG)
      );
    case 'closed':
      return conversation.status === 'closed';
  }
}

/** Most recent activity first, as the relay orders lists. */
export function byActivity(a: Conversation, b: Conversation): number {
  return activityTime(b) - activityTime(a);
}

/** The queue reads best longest-waiting first: that visitor should be helped next. */
export function byWaiting(a: Conversation, b: Conversation): number {
  return Date.parse(a.queuedAt ?? a.createdAt) - Date.parse(b.queuedAt ?? b.createdAt);
}

function activityTime(conversation: Conversation): number {
  return Date.parse(conversation.lastMessageAt ?? conversation.createdAt) || 0;
}
