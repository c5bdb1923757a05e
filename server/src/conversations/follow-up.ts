/**
 * Answers that must reach a visitor who is not there: an agent's reply to a message left while
 * nobody was available goes to the visitor's email (through the outbox) unless their widget is
 * open to show it live. Either way it is in the conversation, which the widget shows next time.
 */
import type { Conversation, Message } from '@parley/shared';
import { replyMail } from '../mail/visitor-mail';
import type { Relay } from './relay';

/** Emails `message` to the visitor of `conversation` when they are away; does nothing otherwise. */
export async function followUpByEmail(
  relay: Relay,
  conversation: Conversation,
  message: Message,
): Promise<void> {
  if (conversation.kind !== 'offline' || message.internal || message.author !== 'agent') return;
  if (!relay.mailer.configured) return;
  const visitor = await relay.store.getVisitor(conversation.visitorId);
  if (!visitor?.email) return;
  if (await relay.publish.visitorConnected(visitor.id)) return;
  const site = await relay.conversations.requireSite(conversation.siteId);
  await relay.outbox.enqueue({
    kind: 'reply',
    conversationId: conversation.id,
    messageId: message.id,
    content: replyMail({
      site,
      visitor: { ...visitor, email: visitor.email },
      message,
      replyTo: relay.replyAddresses?.addressFor(conversation.id) ?? null,
      publicUrl: relay.publicUrl(),
    }),
  });
}
