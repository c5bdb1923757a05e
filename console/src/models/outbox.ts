import { signal } from '@preact/signals';
import type { Message } from '@parley/shared';
import type { UploadedFile } from '../api/file-upload';
import { asRequestError, type RequestError } from '../api/request-error';
import type { AgentConnection } from '../connection';
import { newClientId } from '@parley/shared';
import { keptOf, type OutboxStorage } from './outbox-storage';

/** A reply or note on its way to the relay, or one that failed and can be retried. */
export interface OutgoingMessage {
  clientId: string;
  conversationId: string;
  text: string;
  internal: boolean;
  /** Files already uploaded; only their ids travel with the message. */
  attachments: UploadedFile[];
  state: 'sending' | 'failed';
  error: RequestError | null;
}

/**
 * Messages the agent sent that the relay has not confirmed yet. A failed one keeps its clientId,
 * so retrying can never post it twice. With `storage`, they survive a reload and are sent again
 * once the console is connected.
 */
export function createOutbox(deps: {
  connection: Pick<AgentConnection, 'request'>;
  /** Receives each message the relay stored. */
  onDelivered: (message: Message) => void;
  newClientId?: () => string;
  storage?: OutboxStorage;
  /** Calls `send` once the console is connected (at once if it is). */
  whenConnected?: (send: () => void) => void;
}) {
  const makeClientId = deps.newClientId ?? newClientId;
  const { storage } = deps;
  const restored: OutgoingMessage[] = (storage?.list() ?? []).map((kept) => ({
    ...kept,
    state: 'sending',
    error: null,
  }));
  const items = signal<OutgoingMessage[]>(restored);
  if (restored.length) {
    const resend = () => restored.forEach((item) => void deliver(item));
    if (deps.whenConnected) deps.whenConnected(resend);
    else resend();
  }

  function patch(clientId: string, change: Partial<OutgoingMessage> | null): void {
    // Only sent and given-up replies leave the stored outbox; a failed one stays for a retry.
    if (change === null) storage?.remove(clientId);
    items.value =
      change === null
        ? items.value.filter((item) => item.clientId !== clientId)
        : items.value.map((item) => (item.clientId === clientId ? { ...item, ...change } : item));
  }

  async function deliver(item: OutgoingMessage): Promise<void> {
    patch(item.clientId, { state: 'sending', error: null });
    try {
      const { message } = await deps.connection.request('message:send', {
        conversationId: item.conversationId,
        clientId: item.clientId,
        text: item.text,
        internal: item.internal,
        ...(item.attachments.length > 0
          ? { attachmentIds: item.attachments.map((file) => file.id) }
          : {}),
      });
      patch(item.clientId, null);
      deps.onDelivered(message);
    } catch (caught) {
      patch(item.clientId, { state: 'failed', error: asRequestError(caught) });
    }
  }

  function send(
    conversationId: string,
    text: string,
    internal: boolean,
    attachments: UploadedFile[] = [],
  ): void {
    const item: OutgoingMessage = {
      clientId: makeClientId(),
      conversationId,
      text,
      internal,
      attachments,
      state: 'sending',
      error: null,
    };
    items.value = [...items.value, item];
    storage?.add(keptOf(item));
    void deliver(item);
  }

  function retry(clientId: string): void {
    const item = items.value.find((entry) => entry.clientId === clientId);
    if (item) void deliver(item);
  }

  function discard(clientId: string): void {
    patch(clientId, null);
  }

  /** The message arrived as an announcement (possibly before its ack): it is no longer pending. */
  function confirm(message: Message): void {
    if (items.value.some((item) => item.clientId === message.clientId))
      patch(message.clientId, null);
  }

  return { items, send, retry, discard, confirm };
}

export type Outbox = ReturnType<typeof createOutbox>;
