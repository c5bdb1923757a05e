/** Parley's storage: the Store interface, its two implementations, and the factory choosing one. */
export type * from './store';
export { createStore, type StoreConfig } from './create-store';
export { LowdbStore, type LowdbStoreOptions } from './lowdb-store';
export { PostgresStore, type PostgresStoreOptions } from './postgres-store';
