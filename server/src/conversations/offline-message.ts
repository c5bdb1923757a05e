/** A message left while nobody is available: stored for the console and emailed to the owners. */
import { randomUUID } from 'node:crypto';
import type { Site, Visitor } from '@parley/shared';
import type { z } from 'zod';
import type * as schemas from '@parley/shared/schemas';
import { newConversation } from './new-conversation';
import type { Relay } from './relay';

import { updateVisitor, type VisitorActor } from './visitor-profile';

type In<S extends z.ZodType> = z.output<S>;

export async function leaveOfflineMessage(
  relay: Relay,
  actor: VisitorActor,
  input: In<typeof schemas.offlineLeaveSchema>,
): Promise<{ conversationId: string }> {
  const site = await relay.conversations.requireSite(actor.siteId);
  const visitor = await updateVisitor(relay, actor, { name: input.name, email: input.email });
  const conversation = await relay.store.createConversation(
    newConversation({
      siteId: site.id,
      visitorId: visitor.id,
      kind: 'offline',
      now: relay.conversations.timestamp(),
    }),
  );
  const { conversation: stored } = await relay.conversations.postMessage({
    conversationId: conversation.id,
    clientId: randomUUID(),
    author: 'visitor',
    agentId: null,
    authorName: visitor.name,
    internal: false,
    text: input.text,
  });
  await relay.conversations.publish(stored);
  // The message is stored; the owners' email is written to the outbox before the visitor is
  // answered, so it survives a restart. A failure to write it is logged, the message stays.
  await notifyOwners(relay, site, visitor, conversation.id, input.text).catch((error: unknown) =>
    relay.logger.error({ err: error, siteId: site.id }, 'could not notify the owners'),
  );
  return { conversationId: conversation.id };
}

/** Puts an email to the site's owners in the outbox, which sends (and retries) it. */
async function notifyOwners(
  relay: Relay,
  site: Site,
  visitor: Visitor,
  conversationId: string,
  text: string,
): Promise<void> {
  if (!relay.mailer.configured) return;
  const owners = (await relay.router.agentsOf(site.id)).filter(
    (agent) => agent.role === 'owner' || agent.id === site.ownerId,
  );
  const recipients = [...new Set(owners.map((owner) => owner.email))];
  if (recipients.length === 0) return;
  await relay.outbox.enqueue({
    kind: 'offline-notification',
    conversationId,
    content: {
      to: recipients,
      ...(visitor.email ? { replyTo: visitor.email } : {}),
      subject: `[${site.name}] Message from ${visitor.name ?? 'a visitor'}`,
      text: `${visitor.name ?? 'A visitor'} <${visitor.email ?? 'no email'}> left a message on ${site.name} while nobody was available:\n\n${text}\n\nReply to this email to answer them.\n`,
    },
  });
}
