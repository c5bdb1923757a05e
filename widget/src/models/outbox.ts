/**
 * The visitor's messages the server has not confirmed yet: the shared stored outbox in the site's
 * localStorage, which every tab of the site reads and writes.
 */
import { StoredOutbox } from '@parley/shared';
import type { WidgetStorage } from '../storage';
import type { WidgetErrorCode } from '../transport';

/** A file of an unconfirmed message; `id` is set once the relay has stored it. */
export interface OutboxFile {
  name: string;
  type: string;
  size: number;
  id?: string;
}

/** One unconfirmed message. `failed` is set when the server refused it (the visitor can retry). */
export interface OutboxEntry {
  clientId: string;
  text: string;
  createdAt: string;
  failed: WidgetErrorCode | null;
  files?: OutboxFile[];
}

/** The outbox of one site. */
export type Outbox = StoredOutbox<OutboxEntry>;

export function createOutbox(storage: WidgetStorage): Outbox {
  return new StoredOutbox(
    {
      read: () => storage.get('outbox'),
      write: (value) => (value ? storage.set('outbox', value) : storage.remove('outbox')),
    },
    isEntry,
  );
}

function isEntry(value: unknown): value is OutboxEntry {
  const e = value as Partial<OutboxEntry> | null;
  return typeof e?.clientId === 'string' && typeof e.text === 'string';
}
