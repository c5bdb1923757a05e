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
  // The message is stored and acknowledged; a mail or store failure here is only logged.
  notifyOwners(relay, site, visitor, input.text).catch((error: unknown) =>
    relay.logger.error({ err: error, siteId: site.id }, 'could not notify the owners'),
  );
  return { conversationId: conversation.id };
}

/** Emails an offline message to the site's owners; a mail failure is logged, the message is already stored. */
async function notifyOwners(
  relay: Relay,
  site: Site,
  visitor: Visitor,
  text: string,
): Promise<void> {
  if (!relay.mailer.configured) return;
  const owners = (await relay.router.agentsOf(site.id)).filter(
    (agent) => agent.role === 'owner' || agent.id === site.ownerId,
  );
  const recipients = [...new Set(owners.map((owner) => owner.email))];
  if (recipients.length === 0) return;
  try {
    await relay.mailer.send({
      to: recipients,
      replyTo: visitor.email ?? undefined,
      subject: `[${site.name}] Message from ${visitor.name ?? 'a visitor'}`,
      text: `${visitor.name ?? 'A visitor'} <${visitor.email ?? 'no email'}> left a message on ${site.name} while nobody was available:\n\n${text}\n\nReply to this email to answer them.\n`,
    });
  } catch (error) {
    relay.logger.error(
      { err: error, siteId: site.id },
      'could not email an offline message to the owners',
    );
  }
}
