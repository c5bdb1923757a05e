import type { Agent, Conversation, Message, Site, Visitor } from '@parley/shared';
import { attachmentLines } from '../files/attachment-lines';

/** What a plain-text transcript is made of. */
export interface TranscriptParts {
  site: Site;
  conversation: Conversation;
  visitor: Visitor | null;
  agent: Agent | null;
  messages: Message[];
  /** The relay's address, for links to the files sent (the transcript is read elsewhere). */
  publicUrl: string;
}

/**
 * A conversation as plain text: a header, then one block per message in sequence order. Message
 * text is written unchanged (line breaks included) so the transcript holds exactly what was said;
 * each file sent with it follows on a line of its own, with its link.
 */
export function renderTranscript({
  site,
  conversation,
  visitor,
  agent,
  messages,
  publicUrl,
}: TranscriptParts): string {
  const who = visitor
    ? [visitor.name, visitor.email && `<${visitor.email}>`].filter(Boolean).join(' ')
    : '';
  const header = [
    `Conversation ${conversation.id} on ${site.name}`,
    `Visitor: ${who || 'anonymous'}`,
    agent ? `Agent: ${agent.name}` : null,
    `Started: ${conversation.createdAt}`,
    `Status: ${conversation.status}${conversation.closedBy ? ` (closed by ${conversation.closedBy})` : ''}`,
    conversation.tags.length > 0 ? `Tags: ${conversation.tags.join(', ')}` : null,
    ratingLine(conversation),
  ].filter((line): line is string => line !== null);
  const body = messages.map((message) =>
    [
      `[${message.createdAt}] ${authorLabel(message)}:`,
      // A message of files only has no text line.
      ...(message.text || !message.attachments?.length ? [message.text] : []),
      ...attachmentLines(publicUrl, message.attachments),
    ].join('\n'),
  );
  return `${header.join('\n')}\n\n${body.join('\n\n')}\n`;
}

function authorLabel(message: Message): string {
  const name = message.authorName ? ` ${message.authorName}` : '';
  switch (message.author) {
    case 'visitor':
      return `Visitor${name}`;
    case 'agent':
      return message.internal ? `Internal note by${name || ' an agent'}` : `Agent${name}`;
    case 'system':
      return 'Parley';
  }
}

function ratingLine(conversation: Conversation): string | null {
  const rating = conversation.rating;
  if (!rating) return null;
  const parts = [
    rating.csat != null ? `CSAT ${rating.csat}/5` : null,
    rating.comment ? `"${rating.comment}"` : null,
    rating.nps != null ? `NPS ${rating.nps}/10` : null,
  ].filter(Boolean);
  return `Rating: ${parts.join(' ')}`;
}
