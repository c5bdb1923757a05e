import type { Relay } from '../conversations/relay';

/**
 * How long an uploaded file may wait to be sent. An upload is sent with the message being typed,
 * within minutes; a day leaves room for a visitor who comes back later to the same page, and
 * then a file nobody can see any more (its uploader only, never sent) stops taking up space.
 */
export const UNSENT_FILE_LIFETIME_MS = 24 * 60 * 60 * 1000;

/** How often the sweep runs: hourly keeps an abandoned upload at most a day and an hour. */
export const UNSENT_FILE_SWEEP_MS = 60 * 60 * 1000;

/** Deletes the files uploaded more than UNSENT_FILE_LIFETIME_MS ago and never sent. */
export async function deleteUnsentFiles(relay: Relay): Promise<number> {
  const before = new Date(relay.now() - UNSENT_FILE_LIFETIME_MS).toISOString();
  const deleted = await relay.store.files.deleteUnattachedBefore(before);
  if (deleted > 0) relay.logger.info({ deleted, before }, 'unsent uploads deleted');
  return deleted;
}
