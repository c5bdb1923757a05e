/**
 * Messages written but not yet confirmed by the relay, as the widget and the console both keep
 * them: in one key of the browser's storage, so they survive a reload and are sent again with
 * the same clientId (the relay stores each clientId once). The list is read back before every
 * change, since other tabs may share the key (the widget's tabs of one site do).
 */

/** One key of a storage: its text, or null when absent; writing null removes it. */
export interface StorageSlot {
  read(): string | null;
  write(value: string | null): void;
}

export class StoredOutbox<E extends { clientId: string }> {
  constructor(
    private readonly slot: StorageSlot,
    /** What a stored entry must look like; anything else (an older or damaged one) is dropped. */
    private readonly isEntry: (value: unknown) => value is E,
  ) {}

  /** Every entry, oldest first. */
  list(): E[] {
    let entries: unknown;
    try {
      entries = JSON.parse(this.slot.read() ?? '[]');
    } catch {
      return [];
    }
    return Array.isArray(entries) ? entries.filter(this.isEntry) : [];
  }

  add(entry: E): E[] {
    return this.write([...this.list().filter((e) => e.clientId !== entry.clientId), entry]);
  }

  remove(clientId: string): E[] {
    return this.write(this.list().filter((e) => e.clientId !== clientId));
  }

  change(clientId: string, patch: Partial<E>): E[] {
    return this.write(this.list().map((e) => (e.clientId === clientId ? { ...e, ...patch } : e)));
  }

  private write(entries: E[]): E[] {
    this.slot.write(entries.length ? JSON.stringify(entries) : null);
    return entries;
  }
}
