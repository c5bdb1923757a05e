/**
 * The files of a canned reply being saved: uploads of the site's agents (POST /api/files) not
 * sent anywhere, as many as a message of the site may carry. The reply keeps them from the
 * sweep of unsent uploads; whatever it no longer lists is deleted once the reply is saved.
 */
import { ParleyError, type Attachment, type Site } from '@parley/shared';
import { attachmentOf } from './attach-files';
import type { FileStore, StoredFile } from './file-store';
import { attachmentSettings } from './receive-upload';

/** Keeps the files for the reply (all or none) and returns them as the reply lists them. */
export async function keepCannedReplyFiles(
  files: FileStore,
  ids: string[],
  site: Site,
  cannedReplyId: string,
): Promise<Attachment[]> {
  const { maxFilesPerMessage } = attachmentSettings(site);
  if (ids.length > maxFilesPerMessage)
    throw new ParleyError(
      'VALIDATION_FAILED',
      `attachmentIds: at most ${maxFilesPerMessage} files per message on this site`,
    );
  const found: StoredFile[] = [];
  for (const id of ids) {
    const file = await files.get(id);
    const usable =
      file !== null &&
      file.siteId === site.id &&
      file.uploader.agentId !== undefined &&
      file.conversationId === null &&
      (file.cannedReplyId === null || file.cannedReplyId === cannedReplyId);
    if (!usable) throw new ParleyError('NOT_FOUND', `No unsent file ${id} of this site's agents`);
    found.push(file);
  }
  if (!(await files.keepForCannedReply(ids, cannedReplyId)))
    throw new ParleyError('NOT_FOUND', 'A file was deleted or sent meanwhile; upload it again');
  return found.map(attachmentOf);
}
