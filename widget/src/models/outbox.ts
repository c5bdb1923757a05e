/**
 * Messages the visitor wrote that the server has not confirmed yet. Kept in localStorage so they
 * survive a reload, and read back before every change because other tabs of the site share it.
 */
import { readJson, type WidgetStorage } from '../storage';
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
export class Outbox {
  constructor(private readonly storage: WidgetStorage) {}

  /** Every entry, oldest first. */
  list(): OutboxEntry[] {
    const entries = readJson<OutboxEntry[]>(this.storage, 'outbox');
    return Array.isArray(entries) ? entries.filter(isEntry) : [];
  }

  add(entry: OutboxEntry): OutboxEntry[] {
    return this.write([...this.list().filter((e) => e.clientId !== entry.clientId), entry]);
  }

  remove(clientId: string): OutboxEntry[] {
    return this.write(this.list().filter((e) => e.clientId !== clientId));
  }

  setFailed(clientId: string, failed: WidgetErrorCode | null): OutboxEntry[] {
    return this.change(clientId, { failed });
  }

  change(clientId: string, patch: Partial<OutboxEntry>): OutboxEntry[] {
    return this.write(this.list().map((e) => (e.clientId === clientId ? { ...e, ...patch } : e)));
  }

  private write(entries: OutboxEntry[]): OutboxEntry[] {
    if (entries.length) this.storage.set('outbox', JSON.stringify(entries));
    else this.storage.remove('outbox');
    return entries;
  }
}

function isEntry(value: unknown): value is OutboxEntry {
  const e = value as Partial<OutboxEntry> | null;
  return typeof e?.clientId === 'string' && typeof e.text === 'string';
}
