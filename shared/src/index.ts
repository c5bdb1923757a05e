export * from './errors';
export type * from './ack';
export type * from './domain';
export {
  ATTACHMENT_KINDS,
  COMPLAINT_TAG,
  LOCALES,
  MAX_ATTACHMENT_BYTES,
  MISSED_TAG,
  SITE_LOCALES,
} from './domain';
export { newClientId } from './client-id';
export { formatFileSize, isInlineImage, kindOfFile } from './file-kind';
export { linkify, safeHref, type TextPart } from './linkify';
export { StoredOutbox, type StorageSlot } from './stored-outbox';
export { TypingSignal } from './typing-signal';
export { SCORECARD_COLUMNS } from './reports';
export { foldForSearch, matchRanges } from './search-fold';
export type * from './reports';
export * from './protocol';
export type * from './rest';
export type * from './schemas';
