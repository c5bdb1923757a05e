export * from './errors';
export type * from './ack';
export type * from './domain';
export { LOCALES, MISSED_TAG } from './domain';
export * from './protocol';
export type * from './rest';
export type * from './schemas';
