/**
 * Turns the file ids of a message being sent into its attachments: each must have been uploaded
 * by the sender for this conversation's site, there may be no more than the site allows, and a
 * file goes with one conversation only (a resend of the same message finds them bound already).
 */
import { ParleyError, type Attachment, type Conversation, type Site } from '@parley/shared';
import type { FileStore, Uploader } from './file-store';
import { attachmentSettings, fileUrl } from './receive-upload';

export async function attachFiles(
  files: FileStore,
  ids: string[],
  conversation: Conversation,
  site: Site,
  sender: Uploader,
): Promise<Attachment[]> {
  const unique = [...new Set(ids)];
  const { maxFilesPerMessage } = attachmentSettings(site);
  if (unique.length > maxFilesPerMessage)
    throw new ParleyError(
      'VALIDATION_FAILED',
      `attachmentIds: at most ${maxFilesPerMessage} files per message`,
    );
  for (const id of unique) {
    const file = await files.get(id);
    const mine =
      file !== null &&
      file.siteId === conversation.siteId &&
      file.uploader.visitorId === sender.visitorId &&
      file.uploader.agentId === sender.agentId;
    // Another person's upload is as unknown to the sender as one that does not exist.
    if (!mine) throw new ParleyError('NOT_FOUND', `No file ${id} of yours to send`);
  }
  const bound = await files.attach(unique, conversation.id);
  if (bound.length !== unique.length) {
    // Swept as never sent (a day old) between the check above and now.
    const gone = await Promise.all(unique.map(async (id) => (await files.get(id)) === null));
    if (gone.includes(true))
      throw new ParleyError('NOT_FOUND', 'A file was deleted before it was sent; upload it again');
    throw new ParleyError('CONFLICT', 'A file was already sent in another conversation');
  }
  return bound.map((file) => ({
    id: file.id,
    name: file.name,
    type: file.type,
    size: file.size,
    url: fileUrl(file),
  }));
}
