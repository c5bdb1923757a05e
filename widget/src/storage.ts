/**
 * The widget's memory in the host page's localStorage, one namespace per site. Storage can be
 * unavailable (Safari private mode, blocked third-party storage, quota); the widget then keeps
 * working for this page view from memory, which is all it can do.
 */

/** Keys the widget stores, per site. */
export type StorageKey =
  | 'token'
  | 'conversation'
  | 'dismissed'
  | 'outbox'
  | 'prechat'
  | 'sound'
  | 'beep'
  /** The language the visitor chose in the panel's menu. */
  | 'locale'
  /** The language the current conversation is held in: `{ id, locale }`. */
  | 'chatLocale'
  /** In sessionStorage (one tab): whether the panel was open, so a reload or a new page keeps it. */
  | 'open';

/** A per-site key/value store. */
export interface WidgetStorage {
  get(key: StorageKey): string | null;
  set(key: StorageKey, value: string): void;
  remove(key: StorageKey): void;
  /** The full localStorage key, to recognise `storage` events from other tabs. */
  fullKey(key: StorageKey): string;
}

/** Storage for one site, backed by `backend` (localStorage by default). */
export function createStorage(
  siteId: string,
  backend: Storage | null = safeLocalStorage(),
): WidgetStorage {
  const memory = new Map<string, string>();
  const fullKey = (key: StorageKey) => `parley:${siteId}:${key}`;
  return {
    fullKey,
    get(key) {
      const name = fullKey(key);
      try {
        return backend ? backend.getItem(name) : (memory.get(name) ?? null);
      } catch {
        return memory.get(name) ?? null;
      }
    },
    set(key, value) {
      const name = fullKey(key);
      memory.set(name, value);
      try {
        backend?.setItem(name, value);
      } catch {
        // Quota or privacy mode: the in-memory copy above still serves this page view.
      }
    },
    remove(key) {
      const name = fullKey(key);
      memory.delete(name);
      try {
        backend?.removeItem(name);
      } catch {
        // Same as set: nothing more can be done for a storage the browser refuses.
      }
    },
  };
}

/** Reads a JSON value, treating anything unreadable as absent. */
export function readJson<T>(storage: WidgetStorage, key: StorageKey): T | null {
  const raw = storage.get(key);
  if (raw === null) return null;
  try {
    return JSON.parse(raw) as T;
  } catch {
    return null;
  }
}

function safeLocalStorage(): Storage | null {
  try {
    // Merely touching `localStorage` throws when the browser blocks storage for this page.
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/** The tab's sessionStorage, or null where the browser refuses it. */
export function safeSessionStorage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}
