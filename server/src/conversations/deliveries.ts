/**
 * What the console shows under each agent reply of an offline conversation: whether the visitor
 * saw it live, it was emailed, the email is on its way or failed, or it waits for them to return.
 */
import type { Conversation, Message, MessageDelivery, Visitor } from '@parley/shared';
import type { OutboxMail } from '../storage/store';

export function deliveriesOf(args: {
  conversation: Conversation;
  visitor: Visitor;
  messages: Message[];
  mails: OutboxMail[];
  mailConfigured: boolean;
}): MessageDelivery[] {
  const { conversation, visitor, messages, mails, mailConfigured } = args;
  if (conversation.kind !== 'offline') return [];
  const mailByMessage = new Map(
    mails.flatMap((mail) => (mail.messageId ? [[mail.messageId, mail]] : [])),
  );
  return messages
    .filter((message) => message.author === 'agent' && !message.internal)
    .map((message): MessageDelivery => {
      const mail = mailByMessage.get(message.id);
      if (mail) return { messageId: message.id, ...fromMail(mail) };
      // Not emailed: the visitor's widget was open, or there was nowhere to send it.
      if (conversation.seen.visitor >= message.seq)
        return { messageId: message.id, state: 'live', reason: null };
      const reason = !mailConfigured
        ? 'Email is off on this server: shown when the visitor comes back'
        : !visitor.email
          ? 'No email address: shown when the visitor comes back'
          : 'Shown in the visitor’s open chat, not read yet';
      return { messageId: message.id, state: 'waiting', reason };
    });
}

function fromMail(mail: OutboxMail): Pick<MessageDelivery, 'state' | 'reason'> {
  switch (mail.status) {
    case 'sent':
      return { state: 'emailed', reason: null };
    case 'failed':
      return { state: 'email-failed', reason: mail.lastError };
    default:
      return { state: 'email-pending', reason: mail.lastError };
  }
}
