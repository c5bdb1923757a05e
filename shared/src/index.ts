export * from './errors';
export type * from './ack';
export type * from './domain';
export { COMPLAINT_TAG, LOCALES, MISSED_TAG } from './domain';
export { SCORECARD_COLUMNS } from './reports';
export type * from './reports';
export * from './protocol';
export type * from './rest';
export type * from './schemas';
