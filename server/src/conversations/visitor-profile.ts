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
import { localizedWidget } from '../sites/localized-widget';
import type { z } from 'zod';
import { VISITOR_FIELDS_MAX_KEYS } from '@parley/shared/schemas';
import type * as schemas from '@parley/shared/schemas';
import { isValidIdentityHash } from '../auth/identity-hash';
import type { VisitorPatch } from '../storage/store';
import type { Relay } from './relay';

/** The visitor behind a socket, as established by the handshake. */
export interface VisitorActor {
  visitorId: string;
  siteId: string;
  userAgent: string | null;
  /** The client address (TRUST_PROXY applied), which per-address limits count. */
  address: string;
}

type In<S extends z.ZodType> = z.output<S>;

/** What the widget may know about a site, in the words of the visitor's language. */
export async function publicSiteConfig(
  relay: Relay,
  site: Site,
  locale: string | null | undefined,
): Promise<PublicSiteConfig> {
  const { inactivityTimeoutMinutes: _timeout, retentionDays: _retention, ...widget } = site.widget;
  return {
    id: site.id,
    name: site.name,
    widget: localizedWidget(widget, locale),
    available: await relay.router.isAvailable(site),
    email: relay.mailer.configured,
  };
}

/** A visitor as first seen: nothing known but their browser. */
function newVisitor(actor: VisitorActor, now: string): Visitor {
  return {
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
  };
}

/** Loads the visitor, or creates them on their first request. */
export async function loadOrCreateVisitor(relay: Relay, actor: VisitorActor): Promise<Visitor> {
  const existing = await relay.store.getVisitor(actor.visitorId);
  if (existing) return existing;
  return relay.store.updateVisitor(newVisitor(actor, relay.conversations.timestamp()), {});
}

/**
 * Applies `patch` to the visitor (created if new) in one atomic store step and tells the site's
 * agents: two updates at once (identify racing a page view, two tabs) both land.
 */
export async function updateVisitor(
  relay: Relay,
  actor: VisitorActor,
  patch: VisitorPatch,
): Promise<Visitor> {
  const now = relay.conversations.timestamp();
  const saved = await relay.store.updateVisitor(newVisitor(actor, now), {
    ...patch,
    lastSeenAt: now,
  });
  relay.publish.visitor(saved);
  return saved;
}

/** The conversation the widget should show: the open chat, or a just-closed one still awaiting its rating. */
async function currentConversation(relay: Relay, visitorId: string): Promise<Conversation | null> {
  const open = await openConversationOf(relay, visitorId);
  if (open) return open;
  const { items } = await relay.store.listConversations({ visitorId, kind: 'chat', limit: 1 });
  const latest = items[0];
  if (!latest || latest.status !== 'closed' || !latest.closedAt) return null;
  const unrated = latest.rating?.csat == null;
  const recent = relay.now() - Date.parse(latest.closedAt) < 24 * 3600_000;
  return unrated && recent ? latest : null;
}

/**
 * The conversation a visitor's messages go to: their open live chat, else the latest message they
 * left while nobody was there, until an agent closes it. An answer to that message is then shown
 * as its continuation, and the visitor writes on in the same conversation.
 */
export async function openConversationOf(
  relay: Relay,
  visitorId: string,
): Promise<Conversation | null> {
  const chat = await relay.store.openChatOf(visitorId);
  if (chat) return chat;
  const { items } = await relay.store.listConversations({
    visitorId,
    kind: 'offline',
    statuses: ['queued', 'active'],
    limit: 1,
  });
  return items[0] ?? null;
}

/** Messages a visitor may read: everything but internal notes. */
export async function visibleMessages(
  relay: Relay,
  conversationId: string,
  afterSeq = 0,
  limit = 500,
): Promise<Message[]> {
  const messages = await relay.store.listMessages(conversationId, { afterSeq, limit });
  return messages.filter((message) => !message.internal);
}

export async function hello(
  relay: Relay,
  actor: VisitorActor,
  input: In<typeof schemas.visitorHelloSchema>,
  token: string,
): Promise<VisitorSession> {
  // A socket opened before the owner turned the chat off ends its session here.
  const site = await relay.conversations.requireChatSite(actor.siteId);
  // A hello without a field keeps what the visitor told us before.
  const visitor = await updateVisitor(relay, actor, {
    locale: input.locale,
    timeZone: input.timeZone,
    userAgent: actor.userAgent,
    page: input.page,
  });
  const conversation = await currentConversation(relay, visitor.id);
  return {
    visitor: {
      id: visitor.id,
      name: visitor.name,
      email: visitor.email,
      verified: visitor.verified,
    },
    token,
    conversation: conversation ? await relay.conversations.visitorView(conversation) : null,
    messages: conversation ? await visibleMessages(relay, conversation.id) : [],
    site: await publicSiteConfig(relay, site, visitor.locale),
  };
}

export async function identify(
  relay: Relay,
  actor: VisitorActor,
  input: In<typeof schemas.visitorIdentifySchema>,
): Promise<{ verified: boolean; site?: PublicSiteConfig }> {
  const site = await relay.conversations.requireSite(actor.siteId);
  let verified: boolean | undefined;
  if (input.userId !== undefined) {
    const valid =
      input.userHash !== undefined &&
      isValidIdentityHash(site.identitySecret, input.userId, input.userHash);
    if (!valid && (site.widget.identityVerification || input.userHash !== undefined)) {
      throw new ParleyError('IDENTITY_INVALID', 'userHash does not match userId for this site');
    }
    verified = valid;
  }
  if (input.fields) await assertFieldsFit(relay, actor.visitorId, input.fields);
  const visitor = await updateVisitor(relay, actor, {
    name: input.name,
    email: input.email,
    userId: input.userId,
    verified,
    fields: input.fields,
    locale: input.locale,
  });
  // A new language: the site's words in it, for the panel to show at once.
  if (input.locale !== undefined) {
    return { verified: visitor.verified, site: await publicSiteConfig(relay, site, input.locale) };
  }
  return { verified: visitor.verified };
}

/**
 * Fields merge key by key, so many identifies with new keys each could still grow a profile past
 * the cap one payload obeys: refuse what would leave more keys than the cap in all. (Two identifies
 * racing may each pass; the excess is bounded by the per-visitor rate limit.)
 */
async function assertFieldsFit(
  relay: Relay,
  visitorId: string,
  fields: Record<string, string>,
): Promise<void> {
  const current = (await relay.store.getVisitor(visitorId))?.fields ?? {};
  const keys = new Set([...Object.keys(current), ...Object.keys(fields)]);
  if (keys.size > VISITOR_FIELDS_MAX_KEYS) {
    throw new ParleyError('VALIDATION_FAILED', `at most ${VISITOR_FIELDS_MAX_KEYS} fields`);
  }
}

export async function pageView(
  relay: Relay,
  actor: VisitorActor,
  page: In<typeof schemas.pageViewSchema>,
): Promise<Empty> {
  await updateVisitor(relay, actor, { page });
  return {};
}
