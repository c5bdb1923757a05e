/** What a visitor does in a chat: messages, typing, seen, closing, rating, transcript. */
import { attachFiles } from '../files/attach-files';
import {
  MISSED_TAG,
  ParleyError,
  type Conversation,
  type Empty,
  type Message,
  type Rating,
  type VisitorConversation,
} from '@parley/shared';
import type { z } from 'zod';
import type * as schemas from '@parley/shared/schemas';
import { newConversation } from './new-conversation';
import { digestSoon } from './owner-digest';
import type { Relay } from './relay';
import { rating } from './rating-rules';
import { transcriptMail } from '../mail/visitor-mail';

import {
  loadOrCreateVisitor,
  openConversationOf,
  visibleMessages,
  type VisitorActor,
} from './visitor-profile';

type In<S extends z.ZodType> = z.output<S>;

export async function sendMessage(
  relay: Relay,
  actor: VisitorActor,
  input: In<typeof schemas.visitorMessageSendSchema>,
  /** Throws when no new chat may start now (the per-address limit). */
  beforeNewChat: () => Promise<void> = async () => {},
): Promise<{ message: Message; conversation: VisitorConversation }> {
  const visitor = await loadOrCreateVisitor(relay, actor);
  // The store opens at most one chat per visitor, however many tabs send a first message at once.
  const open = await openConversationOf(relay, actor.visitorId);
  if (!open) await beforeNewChat();
  const { conversation, created } = open
    ? { conversation: open, created: false }
    : await relay.store.startChat(
        newConversation({
          siteId: actor.siteId,
          visitorId: actor.visitorId,
          kind: 'chat',
          now: relay.conversations.timestamp(),
        }),
      );
  const attachments = input.attachmentIds
    ? await attachFiles(
        relay.store.files,
        input.attachmentIds,
        conversation,
        await relay.conversations.requireSite(conversation.siteId),
        { visitorId: actor.visitorId },
      )
    : null;
  const { message, conversation: after } = await relay.conversations.postMessage(
    {
      conversationId: conversation.id,
      clientId: input.clientId,
      author: 'visitor',
      agentId: null,
      authorName: visitor.name,
      internal: false,
      text: input.text,
      ...(attachments && { attachments }),
    },
    { requireOpen: true },
  );
  if (created) {
    await relay.conversations.publish(after);
    await relay.conversations.drain(actor.siteId);
  }
  const latest = created ? await relay.conversations.requireConversation(conversation.id) : after;
  return { message, conversation: await relay.conversations.visitorView(latest) };
}

/** A conversation of this visitor; another visitor's is FORBIDDEN. */
async function ownConversation(
  relay: Relay,
  actor: VisitorActor,
  conversationId: string,
): Promise<Conversation> {
  const conversation = await relay.conversations.requireConversation(conversationId);
  if (conversation.visitorId !== actor.visitorId) {
    throw new ParleyError('FORBIDDEN', 'This conversation belongs to someone else');
  }
  return conversation;
}

export async function history(
  relay: Relay,
  actor: VisitorActor,
  input: In<typeof schemas.messageHistorySchema>,
): Promise<{ messages: Message[] }> {
  await ownConversation(relay, actor, input.conversationId);
  return {
    messages: await visibleMessages(relay, input.conversationId, input.afterSeq, input.limit),
  };
}

export async function typing(
  relay: Relay,
  actor: VisitorActor,
  input: In<typeof schemas.typingSetSchema>,
): Promise<Empty> {
  const conversation = await ownConversation(relay, actor, input.conversationId);
  const visitor = await relay.store.getVisitor(actor.visitorId);
  relay.publish.typing(conversation, {
    conversationId: conversation.id,
    author: 'visitor',
    name: visitor?.name ?? null,
    typing: input.typing,
  });
  return {};
}

export async function seen(
  relay: Relay,
  actor: VisitorActor,
  input: In<typeof schemas.seenSetSchema>,
): Promise<Empty> {
  const conversation = await ownConversation(relay, actor, input.conversationId);
  await relay.conversations.markSeen(conversation.id, 'visitor', input.seq);
  return {};
}

export async function close(
  relay: Relay,
  actor: VisitorActor,
  input: In<typeof schemas.conversationRefSchema>,
): Promise<{ conversation: VisitorConversation }> {
  await ownConversation(relay, actor, input.conversationId);
  const conversation = await relay.conversations.close(input.conversationId, 'visitor');
  // Left before anyone answered: the owners hear of it, so someone follows it up.
  if (conversation.tags.includes(MISSED_TAG)) await digestSoon(relay, conversation.siteId);
  return { conversation: await relay.conversations.visitorView(conversation) };
}

export async function rate(
  relay: Relay,
  actor: VisitorActor,
  input: In<typeof schemas.ratingSubmitSchema>,
): Promise<{ rating: Rating }> {
  const owned = await ownConversation(relay, actor, input.conversationId);
  const site = await relay.conversations.requireSite(owned.siteId);
  const { conversation } = await relay.store.changeConversation(
    owned.id,
    rating(input, site.widget.rating, relay.conversations.timestamp()),
  );
  await relay.conversations.publish(conversation);
  return { rating: conversation.rating! };
}

export async function emailTranscript(
  relay: Relay,
  actor: VisitorActor,
  input: In<typeof schemas.transcriptEmailSchema>,
  /** Throws when this conversation's transcript was emailed enough times. */
  beforeSending: () => Promise<void> = async () => {},
): Promise<Empty> {
  const conversation = await ownConversation(relay, actor, input.conversationId);
  if (!relay.mailer.configured)
    throw new ParleyError('MAIL_UNAVAILABLE', 'Email is not configured on this server');
  const visitor = await relay.store.getVisitor(conversation.visitorId);
  // Only to the visitor's own address, so the relay cannot be used to mail strangers.
  if (!visitor?.email || !sameEmail(visitor.email, input.email)) {
    throw new ParleyError(
      'FORBIDDEN',
      'A transcript goes only to the email on your profile; identify with it first',
    );
  }
  await beforeSending();
  const site = await relay.conversations.requireSite(conversation.siteId);
  const messages = await visibleMessages(relay, conversation.id, 0, 100_000);
  // Stored in the outbox before the answer: the transcript goes out even if the relay restarts.
  await relay.outbox.enqueue({
    kind: 'transcript',
    conversationId: conversation.id,
    content: transcriptMail({
      site,
      visitor: { ...visitor, email: visitor.email },
      messages,
      publicUrl: relay.publicUrl(),
    }),
  });
  return {};
}

/** Emails compare without case: no mail system distinguishes them in practice. */
function sameEmail(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}
