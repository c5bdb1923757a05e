/**
 * How a sent file is written where it is read away from the relay (text transcripts, emails,
 * exports): its name, type and size, and a link that works from anywhere. A message's `url` is a
 * path on the relay, so these prefix the relay's public address (PUBLIC_URL).
 */
import type { Attachment, Message } from '@parley/shared';
import { formatBytes } from './byte-limit';

/** The file's link with the relay's address in front: `https://chat.example/api/files/…`. */
export function absoluteFileUrl(publicUrl: string, attachment: Attachment): string {
  return `${publicUrl}${attachment.url}`;
}

/** "application/pdf, 1.2 MB": what a reader wants to know before opening it. */
export function attachmentDetails(attachment: Attachment): string {
  return `${attachment.type}, ${formatBytes(attachment.size)}`;
}

/** One line per file: `[label] name (type, size) <link>`. */
export function attachmentLines(
  publicUrl: string,
  attachments: Attachment[] | undefined,
  label = 'file',
): string[] {
  return (attachments ?? []).map(
    (file) =>
      `[${label}] ${file.name} (${attachmentDetails(file)}) <${absoluteFileUrl(publicUrl, file)}>`,
  );
}

/** The messages with absolute file links, for exports: a saved file is read away from the relay. */
export function withAbsoluteFileLinks(publicUrl: string, messages: Message[]): Message[] {
  return messages.map((message) =>
    message.attachments
      ? {
          ...message,
          attachments: message.attachments.map((file) => ({
            ...file,
            url: absoluteFileUrl(publicUrl, file),
          })),
        }
      : message,
  );
}
