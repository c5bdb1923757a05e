/**
 * Where the console's outbox survives a reload: the shared stored outbox (as the widget's), in
 * localStorage per signed-in agent. Kept is what is needed to send again with the same clientId:
 * never error objects, never file bytes (uploaded files travel as their ids).
 */
import { StoredOutbox } from '@parley/shared';
import type { UploadedFile } from '../api/file-upload';
import type { OutgoingMessage } from './outbox';

/** The part of `Storage` the outbox uses. */
export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** A reply as it is kept. */
export type KeptReply = Pick<
  OutgoingMessage,
  'clientId' | 'conversationId' | 'text' | 'internal' | 'attachments'
>;

export type OutboxStorage = StoredOutbox<KeptReply>;

function isKept(value: unknown): value is KeptReply {
  const item = value as Partial<KeptReply> | null;
  return (
    typeof item?.clientId === 'string' &&
    typeof item.conversationId === 'string' &&
    typeof item.text === 'string' &&
    typeof item.internal === 'boolean' &&
    Array.isArray(item.attachments) &&
    item.attachments.every((file: Partial<UploadedFile>) => typeof file?.id === 'string')
  );
}

/** What of a reply is kept. */
export function keptOf(item: OutgoingMessage): KeptReply {
  const { clientId, conversationId, text, internal, attachments } = item;
  return { clientId, conversationId, text, internal, attachments };
}

export function localOutboxStorage(storage: KeyValueStorage, agentId: string): OutboxStorage {
  const key = `parley.console.outbox.${agentId}`;
  return new StoredOutbox<KeptReply>(
    {
      read: () => storage.getItem(key),
      write(value) {
        try {
          if (value) storage.setItem(key, value);
          else storage.removeItem(key);
        } catch {
          // Storage full or blocked: the outbox still works for this page, as before.
        }
      },
    },
    isKept,
  );
}
