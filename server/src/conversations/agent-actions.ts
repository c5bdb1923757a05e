/** What an agent can do. Each function is one request of the /agent namespace. */
import { attachFiles } from '../files/attach-files';
import {
  MISSED_TAG,
  ParleyError,
  type Agent,
  type AgentLoad,
  type AgentSession,
  type Conversation,
  type Empty,
  type Message,
} from '@parley/shared';
import type { z } from 'zod';
import type * as schemas from '@parley/shared/schemas';
import type { AgentRecord } from '../storage/store';
import { recordTakeOverCapacity } from '../audit/over-capacity';
import { agentAsSeenBy, sharesASite } from '../auth/account-rules';
import { publicAgent } from '../auth/public-agent';
import { followUpByEmail } from './follow-up';
import type { Relay } from './relay';

type In<S extends z.ZodType> = z.output<S>;

/** The agent's current record; a deleted account is no longer authenticated. */
export async function currentAgent(relay: Relay, agentId: string): Promise<AgentRecord> {
  const agent = await relay.store.getAgent(agentId);
  if (!agent) throw new ParleyError('UNAUTHENTICATED', 'This account no longer exists');
  return agent;
}

/** A conversation on one of the agent's sites; others are FORBIDDEN. */
export async function servedConversation(
  relay: Relay,
  agent: AgentRecord,
  conversationId: string,
): Promise<Conversation> {
  const conversation = await relay.conversations.requireConversation(conversationId);
  if (!agent.siteIds.includes(conversation.siteId)) {
    throw new ParleyError('FORBIDDEN', 'You do not serve the site of this conversation');
  }
  return conversation;
}

/** A console connected: an agent who was offline comes online; "away" is kept. */
export async function connected(relay: Relay, agentId: string, socketId: string): Promise<void> {
  const agent = await currentAgent(relay, agentId);
  await relay.presence.connect(agentId, socketId);
  await relay.conversations.setAgentStatus(
    agent,
    agent.status === 'offline' ? 'online' : agent.status,
  );
}

export async function hello(relay: Relay, agentId: string): Promise<AgentSession> {
  const agent = await currentAgent(relay, agentId);
  const sites = (await relay.store.listSites())
    .filter((site) => agent.siteIds.includes(site.id))
    .map((site) => (agent.role === 'owner' ? site : { ...site, identitySecret: '' }));
  const agents = (await relay.store.listAgents())
    .filter((other) => sharesASite(agent, other))
    .map((other) => agentAsSeenBy(agent, other));
  return { agent: publicAgent(agent), sites, agents };
}

/** The live chats of the agent and of every colleague sharing a site with them. */
export async function loads(relay: Relay, agentId: string): Promise<{ loads: AgentLoad[] }> {
  const agent = await currentAgent(relay, agentId);
  const ids = (await relay.store.listAgents())
    .filter((other) => other.id === agent.id || sharesASite(agent, other))
    .map((other) => other.id);
  const counts = await relay.store.activeChatCounts(ids);
  return { loads: ids.map((id) => ({ agentId: id, activeChats: counts.get(id) ?? 0 })) };
}

export async function changeStatus(
  relay: Relay,
  agentId: string,
  input: In<typeof schemas.agentStatusSchema>,
): Promise<{ agent: Agent }> {
  const agent = await currentAgent(relay, agentId);
  return { agent: await relay.conversations.setAgentStatus(agent, input.status) };
}

export async function sendMessage(
  relay: Relay,
  agentId: string,
  input: In<typeof schemas.agentMessageSendSchema>,
): Promise<{ message: Message }> {
  const agent = await currentAgent(relay, agentId);
  let conversation = await servedConversation(relay, agent, input.conversationId);
  // Answering a missed chat reopens it as a follow-up: the visitor gets it by email and in the widget.
  if (
    conversation.status === 'closed' &&
    !input.internal &&
    conversation.tags.includes(MISSED_TAG)
  ) {
    conversation = await relay.conversations.followUp(conversation.id, agent);
  }
  if (conversation.status === 'closed' && !input.internal) {
    throw new ParleyError('CONFLICT', 'The conversation is closed');
  }
  // Answering a waiting chat takes it, as it would in any shared inbox (within capacity).
  if (conversation.status === 'queued' && !input.internal) {
    conversation = await relay.conversations.take(conversation.id, agent);
  }
  const attachments = input.attachmentIds
    ? await attachFiles(
        relay.store.files,
        input.attachmentIds,
        conversation,
        await relay.conversations.requireSite(conversation.siteId),
        { agentId: agent.id },
      )
    : null;
  const { message, duplicate } = await relay.conversations.postMessage(
    {
      conversationId: conversation.id,
      clientId: input.clientId,
      author: 'agent',
      agentId: agent.id,
      authorName: agent.name,
      internal: input.internal,
      text: input.text,
      ...(attachments && { attachments }),
    },
    { requireOpen: !input.internal },
  );
  // Stored and announced; an email to a visitor who is away is extra, so a failure is logged.
  // A resend of the same message (a retry after a lost ack) is not emailed again.
  if (!duplicate)
    await followUpByEmail(relay, conversation, message).catch((error: unknown) =>
      relay.logger.error(
        { err: error, conversationId: conversation.id },
        'could not email a reply',
      ),
    );
  return { message };
}

export async function history(
  relay: Relay,
  agentId: string,
  input: In<typeof schemas.messageHistorySchema>,
): Promise<{ messages: Message[] }> {
  await servedConversation(relay, await currentAgent(relay, agentId), input.conversationId);
  return {
    messages: await relay.store.listMessages(input.conversationId, {
      afterSeq: input.afterSeq,
      limit: input.limit,
    }),
  };
}

export async function typing(
  relay: Relay,
  agentId: string,
  input: In<typeof schemas.typingSetSchema>,
): Promise<Empty> {
  const agent = await currentAgent(relay, agentId);
  const conversation = await servedConversation(relay, agent, input.conversationId);
  const event = {
    conversationId: conversation.id,
    author: 'agent' as const,
    name: agent.name,
    typing: input.typing,
  };
  relay.publish.typing(conversation, event);
  return {};
}

export async function seen(
  relay: Relay,
  agentId: string,
  input: In<typeof schemas.seenSetSchema>,
): Promise<Empty> {
  const conversation = await servedConversation(
    relay,
    await currentAgent(relay, agentId),
    input.conversationId,
  );
  await relay.conversations.markSeen(conversation.id, 'agent', input.seq);
  return {};
}

export async function take(
  relay: Relay,
  agentId: string,
  input: In<typeof schemas.conversationTakeSchema>,
): Promise<{ conversation: Conversation }> {
  const agent = await currentAgent(relay, agentId);
  const conversation = await servedConversation(relay, agent, input.conversationId);
  const overCapacity = input.overCapacity === true;
  const taken = await relay.conversations.take(conversation.id, agent, overCapacity);
  // The chat is the agent's and announced; a missing audit line must not undo that for them.
  if (overCapacity)
    await recordTakeOverCapacity(relay, agent, taken).catch((error: unknown) =>
      relay.logger.error(
        { err: error, conversationId: taken.id },
        'could not record a take over capacity',
      ),
    );
  return { conversation: taken };
}

export async function transfer(
  relay: Relay,
  agentId: string,
  input: In<typeof schemas.conversationTransferSchema>,
): Promise<{ conversation: Conversation }> {
  const agent = await currentAgent(relay, agentId);
  const conversation = await servedConversation(relay, agent, input.conversationId);
  const target = await relay.store.getAgent(input.agentId);
  if (!target || !target.siteIds.includes(conversation.siteId)) {
    throw new ParleyError('NOT_FOUND', 'No such agent on this site');
  }
  return { conversation: await relay.conversations.transfer(conversation.id, target) };
}

export async function close(
  relay: Relay,
  agentId: string,
  input: In<typeof schemas.conversationRefSchema>,
): Promise<{ conversation: Conversation }> {
  await servedConversation(relay, await currentAgent(relay, agentId), input.conversationId);
  return { conversation: await relay.conversations.close(input.conversationId, 'agent') };
}

export async function tag(
  relay: Relay,
  agentId: string,
  input: In<typeof schemas.conversationTagSchema>,
): Promise<{ conversation: Conversation }> {
  await servedConversation(relay, await currentAgent(relay, agentId), input.conversationId);
  const tags = [...new Set(input.tags)];
  return { conversation: await relay.conversations.update(input.conversationId, { tags }) };
}
