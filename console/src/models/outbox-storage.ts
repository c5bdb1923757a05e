/**
 * Where the console's outbox survives a reload: localStorage, per signed-in agent. What is kept
 * is what is needed to send again with the same clientId (so the relay stores it once): never
 * error objects, never file bytes (uploaded files travel as their ids).
 */
import type { UploadedFile } from '../api/file-upload';
import type { OutgoingMessage } from './outbox';

/** The part of `Storage` the outbox uses. */
export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export interface OutboxStorage {
  load(): OutgoingMessage[];
  save(items: readonly OutgoingMessage[]): void;
}

type Kept = Pick<
  OutgoingMessage,
  'clientId' | 'conversationId' | 'text' | 'internal' | 'attachments'
>;

function isKept(value: unknown): value is Kept {
  const item = value as Partial<Kept> | null;
  return (
    typeof item?.clientId === 'string' &&
    typeof item.conversationId === 'string' &&
    typeof item.text === 'string' &&
    typeof item.internal === 'boolean' &&
    Array.isArray(item.attachments) &&
    item.attachments.every((file: Partial<UploadedFile>) => typeof file?.id === 'string')
  );
}

export function localOutboxStorage(storage: KeyValueStorage, agentId: string): OutboxStorage {
  const key = `parley.console.outbox.${agentId}`;
  return {
    load() {
      let parsed: unknown;
      try {
        parsed = JSON.parse(storage.getItem(key) ?? '[]');
      } catch {
        return [];
      }
      return (Array.isArray(parsed) ? parsed.filter(isKept) : []).map((item) => ({
        ...item,
        state: 'sending' as const,
        error: null,
      }));
    },
    save(items) {
      const kept: Kept[] = items.map(
        ({ clientId, conversationId, text, internal, attachments }) => ({
          clientId,
          conversationId,
          text,
          internal,
          attachments,
        }),
      );
      try {
        if (kept.length) storage.setItem(key, JSON.stringify(kept));
        else storage.removeItem(key);
      } catch {
        // Storage full or blocked: the outbox still works for this page, as before.
      }
    },
  };
}
