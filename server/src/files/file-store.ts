/**
 * Where attachments' bytes live, beside the store that holds the messages carrying them: a
 * directory under DATA_DIR on the embedded default, PostgreSQL (chunks of bytea) when
 * DATABASE_URL is set, so that every node serves every file. A file is written fully and made
 * durable before `save` resolves, so a message can only ever point at a complete file.
 */
import type { Readable } from 'node:stream';

/** Who uploaded a file: a visitor of the site, or an agent. */
export type Uploader =
  { visitorId: string; agentId?: never } | { agentId: string; visitorId?: never };

/** A stored file's description. */
export interface StoredFile {
  id: string;
  /** Part of the file's URL: without it the file cannot be fetched. */
  secret: string;
  siteId: string;
  uploader: Uploader;
  name: string;
  type: string;
  size: number;
  createdAt: string;
  /** The conversation whose message carries it; null until sent (then only the uploader knows it). */
  conversationId: string | null;
  /**
   * The canned reply that keeps it, or null. A kept file is never swept as unsent and never sent
   * itself: each conversation it is sent into gets a copy of its own.
   */
  cannedReplyId: string | null;
}

export type NewFile = Omit<StoredFile, 'size' | 'conversationId' | 'cannedReplyId'>;

/** What a copy has of its own: the rest (name, type, size, site, bytes) is the original's. */
export type FileCopy = Pick<StoredFile, 'id' | 'secret' | 'uploader' | 'createdAt'>;

export interface FileStore {
  /**
   * Streams `content` into storage and resolves once it is durable. Rejects (storing nothing) if
   * `content` fails or passes `maxBytes` (FILE_TOO_LARGE).
   */
  save(file: NewFile, content: Readable, maxBytes: number): Promise<StoredFile>;
  get(id: string): Promise<StoredFile | null>;
  /** The file's bytes; null when it is gone. */
  read(id: string): Promise<Readable | null>;
  /**
   * Binds unsent files to a conversation, once: returns the files now bound to it, leaving out
   * any already bound to another conversation.
   */
  attach(ids: string[], conversationId: string): Promise<StoredFile[]>;
  /**
   * Gives unsent files to a canned reply to keep, all or none: false (keeping none) when one is
   * gone, sent, or kept by another reply. Files this reply keeps already are kept on.
   */
  keepForCannedReply(ids: string[], cannedReplyId: string): Promise<boolean>;
  /** Deletes the files a canned reply keeps, except `keepIds` (the reply edited or deleted). */
  deleteOfCannedReply(cannedReplyId: string, keepIds: string[]): Promise<void>;
  /**
   * Copies a file a canned reply keeps into a new file `copy.id` of the conversation. Again with
   * the same `copy.id` (a resent message), or meanwhile, it returns that first copy. Null when
   * the original is no longer kept by a reply (and no such copy exists).
   */
  copyToConversation(
    sourceId: string,
    copy: FileCopy,
    conversationId: string,
  ): Promise<StoredFile | null>;
  /** Deletes the files of these conversations (retention, erasure). */
  deleteForConversations(conversationIds: string[]): Promise<void>;
  /** Deletes a visitor's files never sent (erasure). */
  deleteUnsentOf(visitorId: string): Promise<void>;
  /**
   * Deletes every file never sent nor kept by a canned reply that was uploaded before `before`
   * (ISO time); returns how many. A file being sent (or given to a reply) meanwhile is either
   * bound first (and kept) or deleted first (and refused).
   */
  deleteUnattachedBefore(before: string): Promise<number>;
  close(): Promise<void>;
}
