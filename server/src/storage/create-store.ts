/** Picks the store the configuration asks for. */
import { LowdbStore } from './lowdb-store';
import { PostgresStore } from './postgres-store';
import type { Store } from './store';

/** Where Parley keeps its data. */
export interface StoreConfig {
  /** Directory of the embedded lowdb store (db.json and its journals). */
  dataDir: string;
  /** When set, PostgreSQL is used instead and `dataDir` is ignored. */
  databaseUrl?: string | undefined;
  /** PostgreSQL schema of Parley's tables (default `public`). */
  databaseSchema?: string | undefined;
  /** Told about failures that happen in the background (compaction, idle connections). */
  onBackgroundError?: (error: unknown) => void;
  /** Told what a start of the embedded store dropped (a journal line torn by a crash). */
  onWarning?: (message: string) => void;
}

/** PostgreSQL when `databaseUrl` is set, else lowdb in `dataDir`; call `init()` before use. */
export function createStore(config: StoreConfig): Store {
  return config.databaseUrl
    ? new PostgresStore({
        connectionString: config.databaseUrl,
        schema: config.databaseSchema,
        onIdleError: config.onBackgroundError,
      })
    : new LowdbStore(config.dataDir, {
        onCompactionError: config.onBackgroundError,
        onWarning: config.onWarning,
      });
}
