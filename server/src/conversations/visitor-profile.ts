/** Who the visitor is: their session, profile and the page they are on. */
import {
  ParleyError,
  type Conversation,
  type Empty,
  type Message,
  type PublicSiteConfig,
  type Site,
  type Visitor,
  type VisitorSession,
} from '@parley/shared';
import type { z } from 'zod';
import type * as schemas from '@parley/shared/schemas';
import { isValidIdentityHash } from '../auth/identity-hash';
import type { Hub } from './hub';

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
export async function loadOrCreateVisitor(hub: Hub, actor: VisitorActor): Promise<Visitor> {
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

export async function saveVisitor(hub: Hub, visitor: Visitor): Promise<Visitor> {
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
