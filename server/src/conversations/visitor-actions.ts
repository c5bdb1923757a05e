/** What a visitor can do. Each function is one request of the /visitor namespace. */
import { randomUUID } from 'node:crypto';
import {
  ParleyError,
  type Conversation,
  type Empty,
  type Message,
  type PublicSiteConfig,
  type Rating,
  type Site,
  type Visitor,
  type VisitorConversation,
  type VisitorSession,
} from '@parley/shared';
import type { z } from 'zod';
import type * as schemas from '@parley/shared/schemas';
import { isValidIdentityHash } from '../auth/identity-hash';
import { newConversation } from './new-conversation';
import type { Hub } from './hub';
import { renderTranscript } from './transcript-text';

/** The visitor behind a socket, as established by the handshake. */
export interface VisitorActor {
  visitorId: string;
  siteId: string;
  userAgent: string | null;
}

type In<S extends z.ZodType> = z.output<S>;

/** What the widget may know about a site. */
export async function publicSiteConfig(hub: Hub, site: Site): Promise<PublicSiteConfig> {
  const { inactivityTimeoutMinutes: _timeout, ...widget } = site.widget;
  return { id: site.id, name: site.name, widget, available: await hub.isAvailable(site) };
}

/** Loads the visitor, or creates them on their first hello. */
async function loadOrCreateVisitor(hub: Hub, actor: VisitorActor): Promise<Visitor> {
  const existing = await hub.store.getVisitor(actor.visitorId);
  if (existing) return existing;
  const now = hub.timestamp();
  return hub.store.saveVisitor({
    id: actor.visitorId,
    siteId: actor.siteId,
    name: null,
    email: null,
    userId: null,
    verified: false,
    fields: {},
    locale: null,
    timeZone: null,
    userAgent: actor.userAgent,
    page: null,
    firstSeenAt: now,
    lastSeenAt: now,
  });
}

async function saveVisitor(hub: Hub, visitor: Visitor): Promise<Visitor> {
  const saved = await hub.store.saveVisitor(visitor);
  hub.broadcast.toSiteAgents(visitor.siteId, 'visitor:updated', { visitor: saved });
  return saved;
}

/** The conversation the widget should show: the open chat, or a just-closed one still awaiting its rating. */
async function currentConversation(hub: Hub, visitorId: string): Promise<Conversation | null> {
  const open = hub.open.chatOf(visitorId);
  if (open) return open;
  const { items } = await hub.store.listConversations({ visitorId, kind: 'chat', limit: 1 });
  const latest = items[0];
  if (!latest || latest.status !== 'closed' || !latest.closedAt) return null;
  const unrated = latest.rating?.csat == null;
  const recent = hub.deps.now() - Date.parse(latest.closedAt) < 24 * 3600_000;
  return unrated && recent ? latest : null;
}

/** Messages a visitor may read: everything but internal notes. */
export async function visibleMessages(
  hub: Hub,
  conversationId: string,
  afterSeq = 0,
  limit = 500,
): Promise<Message[]> {
  const messages = await hub.store.listMessages(conversationId, { afterSeq, limit });
  return messages.filter((message) => !message.internal);
}

export async function hello(
  hub: Hub,
  actor: VisitorActor,
  input: In<typeof schemas.visitorHelloSchema>,
  token: string,
): Promise<VisitorSession> {
  const site = await hub.requireSite(actor.siteId);
  const known = await loadOrCreateVisitor(hub, actor);
  // A hello without a field keeps what the visitor told us before.
  const visitor = await saveVisitor(hub, {
    ...known,
    locale: input.locale ?? known.locale,
    timeZone: input.timeZone ?? known.timeZone,
    userAgent: actor.userAgent,
    page: input.page ?? known.page,
    lastSeenAt: hub.timestamp(),
  });
  const conversation = await currentConversation(hub, visitor.id);
  return {
    visitor: {
      id: visitor.id,
      name: visitor.name,
      email: visitor.email,
      verified: visitor.verified,
    },
    token,
    conversation: conversation ? await hub.visitorView(conversation) : null,
    messages: conversation ? await visibleMessages(hub, conversation.id) : [],
    site: await publicSiteConfig(hub, site),
  };
}

export async function identify(
  hub: Hub,
  actor: VisitorActor,
  input: In<typeof schemas.visitorIdentifySchema>,
): Promise<{ verified: boolean }> {
  const site = await hub.requireSite(actor.siteId);
  const visitor = await loadOrCreateVisitor(hub, actor);
  let verified = visitor.verified;
  if (input.userId !== undefined) {
    const valid =
      input.userHash !== undefined &&
      isValidIdentityHash(site.identitySecret, input.userId, input.userHash);
    if (!valid && (site.widget.identityVerification || input.userHash !== undefined)) {
      throw new ParleyError('IDENTITY_INVALID', 'userHash does not match userId for this site');
    }
    verified = valid;
  }
  await saveVisitor(hub, {
    ...visitor,
    name: input.name ?? visitor.name,
    email: input.email ?? visitor.email,
    userId: input.userId ?? visitor.userId,
    verified,
    fields: { ...visitor.fields, ...input.fields },
    lastSeenAt: hub.timestamp(),
  });
  return { verified };
}

export async function pageView(
  hub: Hub,
  actor: VisitorActor,
  page: In<typeof schemas.pageViewSchema>,
): Promise<Empty> {
  const visitor = await loadOrCreateVisitor(hub, actor);
  await saveVisitor(hub, { ...visitor, page, lastSeenAt: hub.timestamp() });
  return {};
}

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

export async function leaveOfflineMessage(
  hub: Hub,
  actor: VisitorActor,
  input: In<typeof schemas.offlineLeaveSchema>,
): Promise<{ conversationId: string }> {
  const site = await hub.requireSite(actor.siteId);
  const visitor = await saveVisitor(hub, {
    ...(await loadOrCreateVisitor(hub, actor)),
    name: input.name,
    email: input.email,
    lastSeenAt: hub.timestamp(),
  });
  const conversation = await hub.store.createConversation(
    newConversation({
      siteId: site.id,
      visitorId: visitor.id,
      kind: 'offline',
      now: hub.timestamp(),
    }),
  );
  hub.open.put(conversation);
  await hub.postMessage({
    conversationId: conversation.id,
    clientId: randomUUID(),
    author: 'visitor',
    agentId: null,
    authorName: visitor.name,
    internal: false,
    text: input.text,
  });
  await hub.publish(hub.open.get(conversation.id) ?? conversation);
  void notifyOwners(hub, site, visitor, input.text);
  return { conversationId: conversation.id };
}

/** Emails an offline message to the site's owners; a mail failure is logged, the message is already stored. */
async function notifyOwners(hub: Hub, site: Site, visitor: Visitor, text: string): Promise<void> {
  if (!hub.deps.mailer.configured) return;
  const owners = (await hub.agentsOf(site.id)).filter(
    (agent) => agent.role === 'owner' || agent.id === site.ownerId,
  );
  const recipients = [...new Set(owners.map((owner) => owner.email))];
  if (recipients.length === 0) return;
  try {
    await hub.deps.mailer.send({
      to: recipients,
      replyTo: visitor.email ?? undefined,
      subject: `[${site.name}] Message from ${visitor.name ?? 'a visitor'}`,
      text: `${visitor.name ?? 'A visitor'} <${visitor.email ?? 'no email'}> left a message on ${site.name} while nobody was available:\n\n${text}\n\nReply to this email to answer them.\n`,
    });
  } catch (error) {
    hub.deps.logger.error(
      { err: error, siteId: site.id },
      'could not email an offline message to the owners',
    );
  }
}
