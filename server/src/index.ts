/** What other packages (benchmarks, embedders) may use of the relay. */
export { createApp, type App, type AppDeps } from './app';
export { ensureFirstStart } from './bootstrap/first-start';
export { createLogger } from './logger';
export { LowdbStore } from './storage/lowdb-store';
export type { Store } from './storage/store';
export { PostgresStore } from './storage/postgres-store';
export { assembleReport } from './reports/assemble-report';
export { resolveReport } from './reports/report-scope';
export type { ReportAggregates, ReportScope } from './reports/report-aggregates';
