/** What an agent can do. Each function is one request of the /agent namespace. */
import {
  ParleyError,
  type Agent,
  type AgentSession,
  type Conversation,
  type Empty,
  type Message,
} from '@parley/shared';
import type { z } from 'zod';
import type * as schemas from '@parley/shared/schemas';
import type { AgentRecord } from '../storage/store';
import { publicAgent, type Hub } from './hub';

type In<S extends z.ZodType> = z.output<S>;

/** The agent's current record; a deleted account is no longer authenticated. */
export async function currentAgent(hub: Hub, agentId: string): Promise<AgentRecord> {
  const agent = await hub.store.getAgent(agentId);
  if (!agent) throw new ParleyError('UNAUTHENTICATED', 'This account no longer exists');
  return agent;
}

/** A conversation on one of the agent's sites; others are FORBIDDEN. */
export async function servedConversation(
  hub: Hub,
  agent: AgentRecord,
  conversationId: string,
): Promise<Conversation> {
  const conversation = await hub.requireConversation(conversationId);
  if (!agent.siteIds.includes(conversation.siteId)) {
    throw new ParleyError('FORBIDDEN', 'You do not serve the site of this conversation');
  }
  return conversation;
}

async function setStatus(hub: Hub, agent: AgentRecord, status: Agent['status']): Promise<Agent> {
  const updated =
    agent.status === status ? agent : await hub.store.updateAgent({ ...agent, status });
  const shown = publicAgent(updated);
  for (const siteId of updated.siteIds) {
    hub.broadcast.toSiteAgents(siteId, 'agent:updated', { agent: shown });
    await hub.announceAvailability(siteId);
    if (status === 'online') await hub.routeSite(siteId);
  }
  return shown;
}

/** A console connected: an agent who was offline comes online; "away" is kept. */
export async function connected(hub: Hub, agentId: string): Promise<void> {
  const agent = await currentAgent(hub, agentId);
  hub.presence.connect(agentId);
  await setStatus(hub, agent, agent.status === 'offline' ? 'online' : agent.status);
}

export async function hello(hub: Hub, agentId: string): Promise<AgentSession> {
  const agent = await currentAgent(hub, agentId);
  const sites = (await hub.store.listSites())
    .filter((site) => agent.siteIds.includes(site.id))
    .map((site) => (agent.role === 'owner' ? site : { ...site, identitySecret: '' }));
  const agents = (await hub.store.listAgents())
    .filter((other) => other.siteIds.some((siteId) => agent.siteIds.includes(siteId)))
    .map(publicAgent);
  return { agent: publicAgent(agent), sites, agents };
}

export async function changeStatus(
  hub: Hub,
  agentId: string,
  input: In<typeof schemas.agentStatusSchema>,
): Promise<{ agent: Agent }> {
  return { agent: await setStatus(hub, await currentAgent(hub, agentId), input.status) };
}

export async function sendMessage(
  hub: Hub,
  agentId: string,
  input: In<typeof schemas.agentMessageSendSchema>,
): Promise<{ message: Message }> {
  const agent = await currentAgent(hub, agentId);
  let conversation = await servedConversation(hub, agent, input.conversationId);
  if (conversation.status === 'closed' && !input.internal) {
    throw new ParleyError('CONFLICT', 'The conversation is closed');
  }
  // Answering a waiting chat takes it, as it would in any shared inbox.
  if (conversation.status === 'queued' && !input.internal) {
    conversation = await hub.assign(conversation.id, agent.id, 'take');
  }
  const { message, duplicate } = await hub.postMessage({
    conversationId: conversation.id,
    clientId: input.clientId,
    author: 'agent',
    agentId: agent.id,
    authorName: agent.name,
    internal: input.internal,
    text: input.text,
  });
  if (!duplicate && !input.internal && !conversation.firstResponseAt) {
    await hub.updateConversation(conversation.id, { firstResponseAt: message.createdAt });
  }
  return { message };
}

export async function history(
  hub: Hub,
  agentId: string,
  input: In<typeof schemas.messageHistorySchema>,
): Promise<{ messages: Message[] }> {
  await servedConversation(hub, await currentAgent(hub, agentId), input.conversationId);
  return {
    messages: await hub.store.listMessages(input.conversationId, {
      afterSeq: input.afterSeq,
      limit: input.limit,
    }),
  };
}

export async function typing(
  hub: Hub,
  agentId: string,
  input: In<typeof schemas.typingSetSchema>,
): Promise<Empty> {
  const agent = await currentAgent(hub, agentId);
  const conversation = await servedConversation(hub, agent, input.conversationId);
  const event = {
    conversationId: conversation.id,
    author: 'agent' as const,
    name: agent.name,
    typing: input.typing,
  };
  hub.broadcast.toVisitor(conversation.visitorId, 'typing:changed', event);
  hub.broadcast.toSiteAgents(conversation.siteId, 'typing:changed', event);
  return {};
}

export async function seen(
  hub: Hub,
  agentId: string,
  input: In<typeof schemas.seenSetSchema>,
): Promise<Empty> {
  const conversation = await servedConversation(
    hub,
    await currentAgent(hub, agentId),
    input.conversationId,
  );
  await hub.markSeen(conversation, 'agent', input.seq);
  return {};
}

export async function take(
  hub: Hub,
  agentId: string,
  input: In<typeof schemas.conversationRefSchema>,
): Promise<{ conversation: Conversation }> {
  const agent = await currentAgent(hub, agentId);
  const conversation = await servedConversation(hub, agent, input.conversationId);
  const taken = await hub.assign(conversation.id, agent.id, 'take');
  await hub.announceQueue(taken.siteId);
  return { conversation: taken };
}

export async function transfer(
  hub: Hub,
  agentId: string,
  input: In<typeof schemas.conversationTransferSchema>,
): Promise<{ conversation: Conversation }> {
  const agent = await currentAgent(hub, agentId);
  const conversation = await servedConversation(hub, agent, input.conversationId);
  const target = await hub.store.getAgent(input.agentId);
  if (!target || !target.siteIds.includes(conversation.siteId)) {
    throw new ParleyError('NOT_FOUND', 'No such agent on this site');
  }
  if (target.id === conversation.agentId)
    throw new ParleyError('CONFLICT', 'The conversation is already theirs');
  const full = hub.open.activeChatsOf(target.id).length >= target.capacity;
  if (target.status !== 'online' || !hub.presence.isConnected(target.id) || full) {
    throw new ParleyError('AGENT_UNAVAILABLE', `${target.name} is offline, away or at capacity`);
  }
  const transferred = await hub.assign(conversation.id, target.id, 'transfer');
  await hub.announceQueue(transferred.siteId);
  // The previous agent now has a free slot.
  await hub.routeSite(transferred.siteId);
  return { conversation: transferred };
}

export async function close(
  hub: Hub,
  agentId: string,
  input: In<typeof schemas.conversationRefSchema>,
): Promise<{ conversation: Conversation }> {
  await servedConversation(hub, await currentAgent(hub, agentId), input.conversationId);
  return { conversation: await hub.close(input.conversationId, 'agent') };
}

export async function tag(
  hub: Hub,
  agentId: string,
  input: In<typeof schemas.conversationTagSchema>,
): Promise<{ conversation: Conversation }> {
  await servedConversation(hub, await currentAgent(hub, agentId), input.conversationId);
  const tags = [...new Set(input.tags)];
  return { conversation: await hub.updateConversation(input.conversationId, { tags }) };
}
