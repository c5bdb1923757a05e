import { computed, effect, signal, type ReadonlySignal } from '@preact/signals';
import type {
  Conversation,
  ConversationDetail,
  Message,
  SeenChanged,
  TypingChanged,
  Visitor,
} from '@parley/shared';
import type { ApiClient } from '../api/api-client';
import type { UploadedFile } from '../api/file-upload';
import { asRequestError, type RequestError } from '../api/request-error';
import type { AgentConnection } from '../connection';
import { TypingSignal } from '@parley/shared';
import { createOutbox } from './outbox';
import type { OutboxStorage } from './outbox-storage';

export type { OutgoingMessage } from './outbox';

/** Which action is waiting for the relay. */
export type ConversationAction = 'take' | 'transfer' | 'close' | 'tag';

export interface ConversationDeps {
  api: Pick<ApiClient, 'getConversation'>;
  connection: Pick<AgentConnection, 'request'>;
  meId: () => string;
  /** Whether the agent can see the console right now (tab visible and focused). */
  focused: ReadonlySignal<boolean>;
  newClientId?: () => string;
  /** Where unsent messages survive a reload, and when to send them again. */
  outboxStorage?: OutboxStorage;
  whenConnected?: (send: () => void) => void;
  /** How long after the last keystroke the visitor is told the agent stopped typing. */
  typingIdleMs?: number;
  /** A visitor's "typing" is dropped after this long without news, in case the stop was lost. */
  typingStaleMs?: number;
}

/** The open conversation: its transcript, what is being sent, and the actions an agent takes on it. */
export function createConversation(deps: ConversationDeps) {
  const { api, connection, meId, focused } = deps;
  const selectedId = signal<string | null>(null);
  const detail = signal<ConversationDetail | null>(null);
  const loading = signal(false);
  const loadError = signal<RequestError | null>(null);
  const actionError = signal<RequestError | null>(null);
  const busy = signal<ConversationAction | null>(null);
  /** The chat whose take was refused because my chats are full: asking whether to take it anyway. */
  const fullTake = signal<string | null>(null);
  const visitorTyping = signal<string | null>(null);
  /** Visitor updates heard while a conversation loads: the copy being fetched may be older. */
  const heardWhileLoading = new Map<string, Visitor>();
  const conversation = computed(() => detail.value?.conversation ?? null);
  const isMine = computed(
    () => conversation.value?.agentId === meId() && conversation.value.status === 'active',
  );

  const outbox = createOutbox({
    connection,
    onDelivered: (message) => applyMessage(message),
    ...(deps.newClientId ? { newClientId: deps.newClientId } : {}),
    ...(deps.outboxStorage ? { storage: deps.outboxStorage } : {}),
    ...(deps.whenConnected ? { whenConnected: deps.whenConnected } : {}),
  });
  let generation = 0;
  /** The reply box's typing signal, for the conversation it was typed in. */
  let typing: { conversationId: string; signal: TypingSignal } | null = null;
  let visitorTypingTimer: ReturnType<typeof setTimeout> | undefined;

  /**
   * Tells the relay which conversation this console shows: only then do its messages, typing and
   * receipts arrive in full (the rest of the inbox hears summaries). Said before fetching, so no
   * message falls between the fetch and the live stream.
   */
  async function watch(id: string | null): Promise<void> {
    try {
      await connection.request('conversation:watch', { conversationIds: id ? [id] : [] });
    } catch {
      // Not connected: every (re)connect says it again (`rewatch`), and reloads.
    }
  }

  /** Says again what is open: the relay forgets a console's watches when its socket drops. */
  async function rewatch(): Promise<void> {
    await watch(selectedId.value);
  }

  async function load(id: string): Promise<void> {
    const mine = ++generation;
    loading.value = true;
    loadError.value = null;
    heardWhileLoading.clear();
    try {
      await watch(id);
      if (mine !== generation) return;
      const fetched = await api.getConversation(id);
      if (mine !== generation) return;
      const heard = heardWhileLoading.get(fetched.visitor.id);
      detail.value = {
        ...fetched,
        visitor: heard ? newerVisitor(fetched.visitor, heard) : fetched.visitor,
        messages: fetched.messages.slice().sort(bySeq),
      };
    } catch (caught) {
      if (mine === generation) loadError.value = asRequestError(caught);
    } finally {
      if (mine === generation) loading.value = false;
    }
  }

  async function open(id: string): Promise<void> {
    if (selectedId.value === id && detail.value) return;
    stopTyping();
    selectedId.value = id;
    detail.value = null;
    actionError.value = null;
    fullTake.value = null;
    visitorTyping.value = null;
    await load(id);
  }

  /** Fetches the open conversation again, e.g. after a reconnect, so nothing missed stays missing. */
  async function reload(): Promise<void> {
    if (selectedId.value) await load(selectedId.value);
  }

  function deselect(): void {
    stopTyping();
    generation++;
    selectedId.value = null;
    detail.value = null;
    void watch(null);
  }

  /**
   * Sends a reply (or, with `internal`, a note only agents see), with any uploaded files. False
   * when there is nothing to send.
   */
  function send(text: string, internal: boolean, attachments: UploadedFile[] = []): boolean {
    const current = conversation.value;
    const body = text.trim();
    if (!current || (body === '' && attachments.length === 0)) return false;
    if (!internal) stopTyping();
    outbox.send(current.id, body, internal, attachments);
    return true;
  }

  async function act(
    action: ConversationAction,
    run: (conversationId: string) => Promise<{ conversation: Conversation }>,
  ): Promise<void> {
    const current = conversation.value;
    if (!current || busy.value) return;
    busy.value = action;
    actionError.value = null;
    try {
      const { conversation: updated } = await run(current.id);
      applyConversation(updated);
    } catch (caught) {
      actionError.value = asRequestError(caught);
    } finally {
      busy.value = null;
    }
  }

  /**
   * Takes the open chat. Refused because my chats are at capacity, it asks instead of failing:
   * `takeAnyway` then takes it past capacity (the relay records that), `cancelTake` leaves it.
   */
  async function take(): Promise<void> {
    await act('take', (id) => connection.request('conversation:take', { conversationId: id }));
    const current = conversation.value;
    if (actionError.value?.code !== 'AGENT_UNAVAILABLE' || !current) return;
    actionError.value = null;
    fullTake.value = current.id;
  }

  async function takeAnyway(): Promise<void> {
    fullTake.value = null;
    await act('take', (id) =>
      connection.request('conversation:take', { conversationId: id, overCapacity: true }),
    );
  }

  function cancelTake(): void {
    fullTake.value = null;
  }
  const close = () =>
    act('close', (id) => connection.request('conversation:close', { conversationId: id }));
  const transfer = (agentId: string) =>
    act('transfer', (id) =>
      connection.request('conversation:transfer', { conversationId: id, agentId }),
    );
  const setTags = (tags: string[]) =>
    act('tag', (id) => connection.request('conversation:tag', { conversationId: id, tags }));

  function reportBackground(promise: Promise<unknown>): void {
    promise.catch((caught: unknown) => {
      actionError.value = asRequestError(caught);
    });
  }

  /** Called on every keystroke in the reply box; the visitor sees "typing" until it stops. */
  function noteTyping(): void {
    const current = conversation.value;
    if (!current || !isMine.value) return;
    if (typing?.conversationId !== current.id) {
      typing?.signal.stop();
      const conversationId = current.id;
      typing = {
        conversationId,
        signal: new TypingSignal(
          (on) =>
            reportBackground(connection.request('typing:set', { conversationId, typing: on })),
          deps.typingIdleMs ?? 3000,
        ),
      };
    }
    typing.signal.input();
  }

  function stopTyping(): void {
    typing?.signal.stop();
  }

  function applyMessage(message: Message): void {
    const current = detail.value;
    if (!current || current.conversation.id !== message.conversationId) return;
    if (message.author === 'visitor') visitorTyping.value = null;
    outbox.confirm(message);
    if (current.messages.some((known) => known.id === message.id)) return;
    detail.value = {
      ...current,
      messages: [...current.messages, message].sort(bySeq),
      conversation: {
        ...current.conversation,
        lastSeq: Math.max(current.conversation.lastSeq, message.seq),
        lastMessageAt: message.createdAt,
      },
    };
  }

  function applyConversation(updated: Conversation, visitor?: Visitor): void {
    const current = detail.value;
    if (!current || current.conversation.id !== updated.id) return;
    if (updated.status === 'closed') {
      clearTimeout(visitorTypingTimer);
      visitorTyping.value = null;
    }
    detail.value = {
      ...current,
      conversation: {
        ...updated,
        lastSeq: Math.max(updated.lastSeq, current.conversation.lastSeq),
        seen: {
          visitor: Math.max(updated.seen.visitor, current.conversation.seen.visitor),
          agent: Math.max(updated.seen.agent, current.conversation.seen.agent),
        },
      },
      visitor: visitor ?? current.visitor,
    };
  }

  function applyVisitor(visitor: Visitor): void {
    const current = detail.value;
    if (current && current.visitor.id === visitor.id)
      detail.value = { ...current, visitor: newerVisitor(current.visitor, visitor) };
    else if (loading.value) heardWhileLoading.set(visitor.id, visitor);
  }

  function applyTyping(event: TypingChanged): void {
    if (event.author !== 'visitor' || event.conversationId !== selectedId.value) return;
    clearTimeout(visitorTypingTimer);
    visitorTyping.value = event.typing ? (event.name ?? 'Visitor') : null;
    if (event.typing) {
      visitorTypingTimer = setTimeout(() => {
        visitorTyping.value = null;
      }, deps.typingStaleMs ?? 15_000);
    }
  }

  function applySeen(event: SeenChanged): void {
    const current = detail.value;
    if (!current || current.conversation.id !== event.conversationId) return;
    const seen = current.conversation.seen;
    const side = event.author === 'visitor' ? 'visitor' : 'agent';
    if (seen[side] >= event.seq) return;
    detail.value = {
      ...current,
      conversation: { ...current.conversation, seen: { ...seen, [side]: event.seq } },
    };
  }

  // The visitor sees "Seen" only when their agent really has the chat in front of them.
  const stopSeen = effect(() => {
    const current = detail.value;
    if (!current || !focused.value || !isMine.value) return;
    const { id, lastSeq, seen } = current.conversation;
    if (lastSeq <= seen.agent) return;
    detail.value = {
      ...current,
      conversation: { ...current.conversation, seen: { ...seen, agent: lastSeq } },
    };
    reportBackground(connection.request('seen:set', { conversationId: id, seq: lastSeq }));
  });

  function dispose(): void {
    stopSeen();
    typing?.signal.stop();
    clearTimeout(visitorTypingTimer);
    generation++;
  }

  return {
    selectedId,
    detail,
    conversation,
    isMine,
    loading,
    loadError,
    actionError,
    busy,
    fullTake,
    outbox: outbox.items,
    visitorTyping,
    open,
    reload,
    rewatch,
    deselect,
    send,
    retry: outbox.retry,
    discard: outbox.discard,
    take,
    takeAnyway,
    cancelTake,
    close,
    transfer,
    setTags,
    noteTyping,
    stopTyping,
    applyMessage,
    applyConversation,
    applyVisitor,
    applyTyping,
    applySeen,
    dispose,
  };
}

export type ConversationModel = ReturnType<typeof createConversation>;

function bySeq(a: Message, b: Message): number {
  return a.seq - b.seq;
}

/**
 * The later of two copies of one visitor: an announcement and a fetch can cross on the way, so
 * the one that arrives last is not always the newest. Every change moves `lastSeenAt` on.
 */
function newerVisitor(held: Visitor, heard: Visitor): Visitor {
  return heard.lastSeenAt >= held.lastSeenAt ? heard : held;
}
