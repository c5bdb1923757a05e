import { computed, effect, signal, type ReadonlySignal } from '@preact/signals';
import type { Conversation, ConversationActivity, Message, Visitor } from '@parley/shared';
import { messageSummary } from '../format/message-summary';
import type { Beeper } from '../platform/beeper';
import type { DesktopNotifier, NotificationAccess } from '../platform/desktop-notifier';

export interface NotificationDeps {
  notifier: DesktopNotifier;
  beeper: Beeper;
  focused: ReadonlySignal<boolean>;
  /** The conversation on screen, if any. */
  viewingId: ReadonlySignal<string | null>;
  meId: () => string;
  /** Opens a conversation when the agent clicks its desktop notification. */
  open: (conversationId: string) => void;
  appName?: string;
}

interface Known {
  status: Conversation['status'];
  kind: Conversation['kind'];
  agentId: string | null;
  visitorName: string;
}

/**
 * Unread counts per conversation, the tab title, and alerts (desktop notice + beep) while the
 * console is out of focus, for a newly queued chat, a chat given to me, and visitor messages in mine.
 */
export function createNotifications(deps: NotificationDeps) {
  const { notifier, beeper, focused, viewingId, meId } = deps;
  const appName = deps.appName ?? 'Parley';
  const access = signal<NotificationAccess>(notifier.access());
  const unread = signal<Readonly<Record<string, number>>>({});
  const total = computed(() => Object.values(unread.value).reduce((sum, n) => sum + n, 0));
  const title = computed(() => (total.value > 0 ? `(${total.value}) ${appName}` : appName));
  const known = new Map<string, Known>();

  const onScreen = (id: string) => focused.value && viewingId.value === id;

  function setUnread(id: string, count: number): void {
    if ((unread.value[id] ?? 0) === count) return;
    const next = { ...unread.value };
    if (count > 0) next[id] = count;
    else delete next[id];
    unread.value = next;
  }

  function alert(id: string, heading: string, body: string): void {
    if (focused.value) return;
    notifier.show({ title: heading, body, tag: `parley-${id}`, onClick: () => deps.open(id) });
    beeper.beep();
  }

  function remember(conversation: Conversation, visitor: Visitor): Known | undefined {
    const previous = known.get(conversation.id);
    known.set(conversation.id, {
      status: conversation.status,
      kind: conversation.kind,
      agentId: conversation.agentId,
      visitorName: visitor.name ?? visitor.email ?? 'Visitor',
    });
    return previous;
  }

  /** Records conversations loaded by a list, so later events compare against them quietly. */
  function track(conversation: Conversation, visitor: Visitor): void {
    if (!known.has(conversation.id)) remember(conversation, visitor);
  }

  function applyConversation(conversation: Conversation, visitor: Visitor): void {
    const previous = remember(conversation, visitor);
    const name = visitor.name ?? visitor.email ?? 'A visitor';
    const { id, status, agentId } = conversation;
    const mine = status === 'active' && agentId === meId();
    if (conversation.kind === 'chat' && status === 'queued' && previous?.status !== 'queued') {
      if (!onScreen(id)) setUnread(id, Math.max(1, unread.value[id] ?? 0));
      alert(id, 'New chat in the queue', `${name} is waiting for an agent.`);
    } else if (mine && previous?.agentId !== agentId) {
      if (!onScreen(id)) setUnread(id, Math.max(1, unread.value[id] ?? 0));
      alert(id, 'New chat assigned to you', `${name} is waiting for your reply.`);
    } else if (!mine && status !== 'queued') {
      setUnread(id, 0);
    }
  }

  function applyMessage(message: Message): void {
    if (message.author !== 'visitor') return;
    const info = known.get(message.conversationId);
    if (!info) return;
    const mine = info.status === 'active' && info.agentId === meId();
    if (!mine && info.status !== 'queued') return;
    const id = message.conversationId;
    if (!onScreen(id)) setUnread(id, (unread.value[id] ?? 0) + 1);
    if (mine) alert(id, `New message from ${info.visitorName}`, preview(messageSummary(message)));
  }

  /**
   * News of a conversation this console does not show. An agent's own chats arrive in full
   * (applyMessage); this counts the waiting chats' visitor messages, and alerts nobody.
   */
  function applyActivity(activity: ConversationActivity): void {
    const id = activity.conversationId;
    const info = known.get(id);
    if (!info || info.status !== 'queued' || activity.visitorMessages === 0) return;
    // The open conversation's messages arrive in full and are counted as they come.
    if (viewingId.value === id) return;
    setUnread(id, (unread.value[id] ?? 0) + activity.visitorMessages);
  }

  // Looking at a conversation reads it.
  const stopReading = effect(() => {
    const id = viewingId.value;
    if (id && focused.value && unread.value[id]) setUnread(id, 0);
  });

  /** Asks for desktop notifications and unlocks sound; call it from a click. */
  async function enable(): Promise<void> {
    beeper.unlock();
    access.value = await notifier.requestAccess();
  }

  return {
    access,
    unread,
    total,
    title,
    track,
    applyConversation,
    applyMessage,
    applyActivity,
    enable,
    dispose: stopReading,
  };
}

export type Notifications = ReturnType<typeof createNotifications>;

function preview(text: string): string {
  return text.length > 120 ? `${text.slice(0, 119)}…` : text;
}
