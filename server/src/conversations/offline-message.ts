/** A message left while nobody is available: stored for the console and emailed to the owners. */
import { randomUUID } from 'node:crypto';
import type { Site, Visitor } from '@parley/shared';
import type { z } from 'zod';
import type * as schemas from '@parley/shared/schemas';
import { newConversation } from './new-conversation';
import type { Hub } from './hub';

import { loadOrCreateVisitor, saveVisitor, type VisitorActor } from './visitor-profile';

type In<S extends z.ZodType> = z.output<S>;

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
