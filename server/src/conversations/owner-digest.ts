/**
 * Owners (and agents who opt in) hear of every message left while nobody was there and every missed chat, in digests: at
 * most one email per site per digest interval, each item in exactly one digest. The first item
 * after a quiet spell goes out at once; what comes within the interval waits for the next digest.
 * The interval is a lease in the store, so the rule holds on any number of relays.
 */
import { randomUUID } from 'node:crypto';
import { MISSED_TAG, type Conversation, type Site } from '@parley/shared';
import { compareCodeUnits } from '../storage/conversation-filter';
import type { Relay } from './relay';

/** Default minutes between two digests of one site (PARLEY_DIGEST_MINUTES). */
export const DEFAULT_DIGEST_MINUTES = 10;

const watermarkKey = (siteId: string) => `digest-watermark:${siteId}`;

/** One thing an owner should follow up. */
interface DigestItem {
  kind: 'offline' | 'missed';
  conversation: Conversation;
  /** When it happened: the message was left, or the chat was missed. */
  at: string;
}

/** Sends a site's digest if there is anything new and the interval allows; true when sent. */
export async function sendDigest(relay: Relay, site: Site): Promise<boolean> {
  if (!relay.mailer.configured) return false;
  const { store } = relay;
  const watermark = (await store.getSetting(watermarkKey(site.id))) ?? site.createdAt;
  const items = await newItems(relay, site.id, watermark);
  if (items.length === 0) return false;
  // Once per interval per site, decided by the store for every relay at once.
  if (!(await store.acquireLease(`digest:${site.id}`, randomUUID(), relay.digestIntervalMs)))
    return false;
  // The site's owners, and its agents who asked for these emails.
  const readers = (await relay.router.agentsOf(site.id)).filter(
    (agent) => agent.role === 'owner' || agent.id === site.ownerId || agent.digestEmails === true,
  );
  const recipients = [...new Set(readers.map((reader) => reader.email))];
  const latest = items.reduce((max, item) => (item.at > max ? item.at : max), watermark);
  if (recipients.length > 0) {
    await relay.outbox.enqueue({
      kind: 'missed-digest',
      conversationId: items.length === 1 ? items[0]!.conversation.id : null,
      content: { to: recipients, ...(await digestContent(relay, site, items)) },
    });
  }
  await store.setSetting(watermarkKey(site.id), latest);
  return true;
}

/** Every site's digest that is due (the chore's round). */
export async function sendDueDigests(relay: Relay): Promise<void> {
  for (const site of await relay.store.listSites()) await sendDigest(relay, site);
}

/**
 * After a chat was missed or a message left: the owners' digest now, if the interval allows (else
 * the chore sends it later). A failure is logged; the item waits for the next digest.
 */
export async function digestSoon(relay: Relay, siteId: string): Promise<void> {
  try {
    const site = await relay.store.getSite(siteId);
    if (site) await sendDigest(relay, site);
  } catch (error) {
    relay.logger.error({ err: error, siteId }, 'could not send the owners’ digest');
  }
}

async function newItems(relay: Relay, siteId: string, after: string): Promise<DigestItem[]> {
  const { store } = relay;
  const left = await store.listConversations({
    siteIds: [siteId],
    kind: 'offline',
    from: after,
    limit: 200,
  });
  const missed = await store.listConversations({
    siteIds: [siteId],
    kind: 'chat',
    status: 'closed',
    tag: MISSED_TAG,
    limit: 200,
  });
  const items: DigestItem[] = [
    ...left.items
      .filter((c) => c.createdAt > after && !c.tags.includes(MISSED_TAG))
      .map((c) => ({ kind: 'offline' as const, conversation: c, at: c.createdAt })),
    ...missed.items
      .filter((c) => c.closedAt !== null && c.closedAt > after)
      .map((c) => ({ kind: 'missed' as const, conversation: c, at: c.closedAt! })),
  ];
  return items.sort((a, b) => compareCodeUnits(a.at, b.at));
}

async function digestContent(
  relay: Relay,
  site: Site,
  items: DigestItem[],
): Promise<{ subject: string; text: string; replyTo?: string }> {
  const lines: string[] = [];
  const visitors = [];
  for (const item of items) {
    const visitor = await relay.store.getVisitor(item.conversation.visitorId);
    visitors.push(visitor);
    const first = (await relay.store.listMessages(item.conversation.id, { limit: 20 })).find(
      (message) => message.author === 'visitor',
    );
    const who = `${visitor?.name ?? 'A visitor'} <${visitor?.email ?? 'no email'}>`;
    lines.push(
      `${item.kind === 'missed' ? 'Missed chat' : 'Message'} from ${who}, ${item.at}:`,
      '',
      first?.text ?? '(no message)',
      '',
      `Answer it: ${relay.publicUrl()}/console/conversations/${item.conversation.id}`,
      '',
      '—',
      '',
    );
  }
  const left = items.filter((item) => item.kind === 'offline').length;
  const missed = items.length - left;
  const only = items.length === 1 ? visitors[0] : null;
  const subject =
    items.length === 1
      ? `[${site.name}] ${missed ? 'Missed chat' : 'Message'} from ${only?.name ?? 'a visitor'}`
      : `[${site.name}] ${[left ? `${left} messages` : '', missed ? `${missed} missed chats` : ''].filter(Boolean).join(' and ')} to follow up`;
  // One visitor: the owner's mail program answers them directly.
  const onlyEmail = only?.email ?? null;
  const intro = `While nobody was available on ${site.name}, these visitors wrote or waited. An answer in the console reaches them by email and in their chat.\n\n`;
  return {
    subject,
    text: intro + lines.join('\n'),
    ...(onlyEmail ? { replyTo: onlyEmail } : {}),
  };
}
