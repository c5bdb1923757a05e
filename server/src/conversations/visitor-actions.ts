/** What a visitor does in a chat: messages, typing, seen, closing, rating, transcript. */
import {
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
import type { Hub } from './hub';
import { renderTranscript } from './transcript-text';

import { loadOrCreateVisitor, visibleMessages, type VisitorActor } from './visitor-profile';

type In<S extends z.ZodType> = z.output<S>;

export async function sendMessage(
  hub: Hub,
  actor: VisitorActor,
  input: In<typeof schemas.visitorMessageSendSchema>,
): Promise<{ message: Message; conversation: VisitorConversation }> {
  const open = hub.open.chatOf(actor.visitorId);
  // The common case, a message in an open chat, needs no lock: the store orders appends itself.
  if (open) return postVisitorMessage(hub, actor, open.id, input, false);
  // One lock per visitor: two tabs sending a first message at once must open one conversation.
  return hub.locks.run(`visitor:${actor.visitorId}`, async () => {
    const existing = hub.open.chatOf(actor.visitorId);
    if (existing) return postVisitorMessage(hub, actor, existing.id, input, false);
    await loadOrCreateVisitor(hub, actor);
    const conversation = await hub.store.createConversation(
      newConversation({
        siteId: actor.siteId,
        visitorId: actor.visitorId,
        kind: 'chat',
        now: hub.timestamp(),
      }),
    );
    hub.open.put(conversation);
    return postVisitorMessage(hub, actor, conversation.id, input, true);
  });
}

async function postVisitorMessage(
  hub: Hub,
  actor: VisitorActor,
  conversationId: string,
  input: In<typeof schemas.visitorMessageSendSchema>,
  isNew: boolean,
): Promise<{ message: Message; conversation: VisitorConversation }> {
  const visitor = await hub.store.getVisitor(actor.visitorId);
  const { message } = await hub.postMessage({
    conversationId,
    clientId: input.clientId,
    author: 'visitor',
    agentId: null,
    authorName: visitor?.name ?? null,
    internal: false,
    text: input.text,
  });
  if (isNew) {
    await hub.publish(await hub.requireConversation(conversationId));
    await hub.routeSite(actor.siteId);
  }
  return {
    message,
    conversation: await hub.visitorView(await hub.requireConversation(conversationId)),
  };
}

/** A conversation of this visitor; another visitor's is FORBIDDEN. */
async function ownConversation(
  hub: Hub,
  actor: VisitorActor,
  conversationId: string,
): Promise<Conversation> {
  const conversation = await hub.requireConversation(conversationId);
  if (conversation.visitorId !== actor.visitorId) {
    throw new ParleyError('FORBIDDEN', 'This conversation belongs to someone else');
  }
  return conversation;
}

export async function history(
  hub: Hub,
  actor: VisitorActor,
  input: In<typeof schemas.messageHistorySchema>,
): Promise<{ messages: Message[] }> {
  await ownConversation(hub, actor, input.conversationId);
  return {
    messages: await visibleMessages(hub, input.conversationId, input.afterSeq, input.limit),
  };
}

export async function typing(
  hub: Hub,
  actor: VisitorActor,
  input: In<typeof schemas.typingSetSchema>,
): Promise<Empty> {
  const conversation = await ownConversation(hub, actor, input.conversationId);
  const visitor = await hub.store.getVisitor(actor.visitorId);
  hub.broadcast.toSiteAgents(conversation.siteId, 'typing:changed', {
    conversationId: conversation.id,
    author: 'visitor',
    name: visitor?.name ?? null,
    typing: input.typing,
  });
  return {};
}

export async function seen(
  hub: Hub,
  actor: VisitorActor,
  input: In<typeof schemas.seenSetSchema>,
): Promise<Empty> {
  await hub.markSeen(await ownConversation(hub, actor, input.conversationId), 'visitor', input.seq);
  return {};
}

export async function close(
  hub: Hub,
  actor: VisitorActor,
  input: In<typeof schemas.conversationRefSchema>,
): Promise<{ conversation: VisitorConversation }> {
  await ownConversation(hub, actor, input.conversationId);
  const conversation = await hub.close(input.conversationId, 'visitor');
  return { conversation: await hub.visitorView(conversation) };
}

export async function rate(
  hub: Hub,
  actor: VisitorActor,
  input: In<typeof schemas.ratingSubmitSchema>,
): Promise<{ rating: Rating }> {
  return hub.locks.run(`conversation:${input.conversationId}`, async () => {
    const conversation = await ownConversation(hub, actor, input.conversationId);
    if (conversation.status !== 'closed' || conversation.kind !== 'chat') {
      throw new ParleyError('CONFLICT', 'A conversation can be rated once it is closed');
    }
    const site = await hub.requireSite(conversation.siteId);
    const before = conversation.rating;
    if (input.csat !== undefined && before?.csat != null)
      throw new ParleyError('ALREADY_RATED', 'This conversation already has a rating');
    if (input.nps !== undefined && before?.nps != null)
      throw new ParleyError('ALREADY_RATED', 'This conversation already has an NPS answer');
    if (input.nps !== undefined && !site.widget.rating.nps)
      throw new ParleyError('CONFLICT', 'This site does not ask the NPS question');
    if (input.csat === undefined && before?.csat == null && site.widget.rating.csat) {
      throw new ParleyError('CONFLICT', 'Answer the satisfaction question first');
    }
    const rating: Rating = {
      csat: input.csat ?? before?.csat ?? null,
      comment: input.csat !== undefined ? input.comment || null : (before?.comment ?? null),
      nps: input.nps ?? before?.nps ?? null,
      createdAt: before?.createdAt ?? hub.timestamp(),
    };
    await hub.updateConversation(conversation.id, { rating });
    return { rating };
  });
}

export async function emailTranscript(
  hub: Hub,
  actor: VisitorActor,
  input: In<typeof schemas.transcriptEmailSchema>,
): Promise<Empty> {
  const conversation = await ownConversation(hub, actor, input.conversationId);
  if (!hub.deps.mailer.configured)
    throw new ParleyError('MAIL_UNAVAILABLE', 'Email is not configured on this server');
  const site = await hub.requireSite(conversation.siteId);
  const visitor = await hub.store.getVisitor(conversation.visitorId);
  const messages = await visibleMessages(hub, conversation.id, 0, 100_000);
  await hub.deps.mailer.send({
    to: input.email,
    subject: `Your conversation with ${site.name}`,
    text: renderTranscript({ site, conversation, visitor, messages, agent: null }),
  });
  return {};
}
