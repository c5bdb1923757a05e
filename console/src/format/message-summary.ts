import type { Message } from '@parley/shared';

/** A message in one line for the inbox and alerts: its text, or what it sent when it is files only. */
export function messageSummary(message: Pick<Message, 'text' | 'attachments'>): string {
  if (message.text !== '') return message.text;
  const names = (message.attachments ?? []).map((file) => file.name);
  if (names.length === 0) return '';
  return names.length === 1 ? `File: ${names[0]}` : `${names.length} files: ${names.join(', ')}`;
}
