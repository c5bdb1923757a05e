/** The part of `localStorage` the console needs; tests pass a Map-backed fake. */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** Where the session token lives between reloads. */
export interface TokenStore {
  get(): string | null;
  set(token: string): void;
  clear(): void;
}

const KEY = 'parley.console.token';

/** Keeps the token in `storage`; a storage that refuses (private mode, quota) only costs the reload. */
export function createTokenStore(storage: KeyValueStorage): TokenStore {
  let memory: string | null = null;
  return {
    get() {
      try {
        return storage.getItem(KEY) ?? memory;
      } catch {
        return memory;
      }
    },
    set(token) {
      memory = token;
      try {
        storage.setItem(KEY, token);
      } catch {
        // The session still works until the tab is reloaded.
      }
    },
    clear() {
      memory = null;
      try {
        storage.removeItem(KEY);
      } catch {
        // Nothing was stored, so there is nothing to remove.
      }
    },
  };
}
