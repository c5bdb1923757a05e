/** A message left while nobody is available: stored for the console, in the owners' digest. */
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type * as schemas from '@parley/shared/schemas';
import { newConversation } from './new-conversation';
import { digestSoon } from './owner-digest';
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
  // The message is stored; the owners hear of it in their digest, now or at the next one.
  await digestSoon(relay, site.id);
  return { conversationId: conversation.id };
}
