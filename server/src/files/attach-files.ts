/**
 * Turns the file ids of a message being sent into its attachments: each must have been uploaded
 * by the sender for this conversation's site, there may be no more than the site allows, and a
 * file goes with one conversation only (a resend of the same message finds them bound already).
 * An agent may also send the files of the site's canned replies: the message gets a copy of each,
 * the conversation's own, so deleting the conversation's files never touches the reply's.
 */
import { createHash, randomBytes } from 'node:crypto';
import { ParleyError, type Attachment, type Conversation, type Site } from '@parley/shared';
import type { FileStore, StoredFile, Uploader } from './file-store';
import { attachmentSettings, fileUrl } from './receive-upload';

/** A stored file as a message or a canned reply lists it. */
export function attachmentOf(file: StoredFile): Attachment {
  return { id: file.id, name: file.name, type: file.type, size: file.size, url: fileUrl(file) };
}

/**
 * The id of a canned reply file's copy in a conversation: the same for every send of it there,
 * so a resent message (same clientId) finds its copies instead of leaving extra ones behind.
 */
export function copyIdOf(sourceId: string, conversationId: string): string {
  const hex = createHash('sha256').update(`${sourceId}\n${conversationId}`).digest('hex');
  // Shaped as a UUID (version 8, "custom"), as every file id is.
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

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
  const own: string[] = [];
  const canned: string[] = [];
  for (const id of unique) {
    const file = await files.get(id);
    const ofSite = file !== null && file.siteId === conversation.siteId;
    if (ofSite && file.cannedReplyId !== null && sender.agentId !== undefined) canned.push(id);
    else if (
      ofSite &&
      file.cannedReplyId === null &&
      file.uploader.visitorId === sender.visitorId &&
      file.uploader.agentId === sender.agentId
    )
      own.push(id);
    // Another person's upload is as unknown to the sender as one that does not exist.
    else throw new ParleyError('NOT_FOUND', `No file ${id} of yours to send`);
  }
  const sent = new Map<string, StoredFile>();
  // Copies first: one left behind by a refusal below is the conversation's, and reused on retry.
  for (const id of canned) {
    const copy = await files.copyToConversation(
      id,
      {
        id: copyIdOf(id, conversation.id),
        secret: randomBytes(24).toString('base64url'),
        uploader: sender,
        createdAt: new Date().toISOString(),
      },
      conversation.id,
    );
    if (!copy)
      throw new ParleyError(
        'NOT_FOUND',
        'A file was removed from its canned reply before it was sent',
      );
    sent.set(id, copy);
  }
  const bound = await files.attach(own, conversation.id);
  if (bound.length !== own.length) {
    // Swept as never sent (a day old) between the check above and now.
    const gone = await Promise.all(own.map(async (id) => (await files.get(id)) === null));
    if (gone.includes(true))
      throw new ParleyError('NOT_FOUND', 'A file was deleted before it was sent; upload it again');
    throw new ParleyError('CONFLICT', 'A file was already sent in another conversation');
  }
  for (const file of bound) sent.set(file.id, file);
  return unique.map((id) => attachmentOf(sent.get(id)!));
}
