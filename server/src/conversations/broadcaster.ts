/**
 * Where announcements go. Rooms: every socket of a visitor (all their tabs), the visitors of a
 * site (availability), the agents serving a site, one agent's consoles, and the consoles showing
 * one conversation.
 */
import type { Namespace } from 'socket.io';
import type { AgentAnnouncements, VisitorAnnouncements } from '@parley/shared';

export const rooms = {
  visitor: (visitorId: string) => `visitor:${visitorId}`,
  siteVisitors: (siteId: string) => `site-visitors:${siteId}`,
  siteAgents: (siteId: string) => `site-agents:${siteId}`,
  agent: (agentId: string) => `agent:${agentId}`,
  /** Consoles that show the conversation (they said so with `conversation:watch`). */
  conversation: (conversationId: string) => `conversation:${conversationId}`,
};

type Args<F> = F extends (...args: infer A) => void ? A : never;

/** Sends announcements to rooms of the two namespaces. */
export interface Broadcaster {
  toVisitor<E extends keyof VisitorAnnouncements>(
    visitorId: string,
    event: E,
    ...args: Args<VisitorAnnouncements[E]>
  ): void;
  toSiteVisitors<E extends keyof VisitorAnnouncements>(
    siteId: string,
    event: E,
    ...args: Args<VisitorAnnouncements[E]>
  ): void;
  toSiteAgents<E extends keyof AgentAnnouncements>(
    siteId: string,
    event: E,
    ...args: Args<AgentAnnouncements[E]>
  ): void;
  toAgent<E extends keyof AgentAnnouncements>(
    agentId: string,
    event: E,
    ...args: Args<AgentAnnouncements[E]>
  ): void;
  /** The consoles showing a conversation and those of its assignee, each socket once. */
  toWatchers<E extends keyof AgentAnnouncements>(
    conversation: { id: string; agentId: string | null },
    event: E,
    ...args: Args<AgentAnnouncements[E]>
  ): void;
  /** Whether the visitor has a widget connected to any relay right now. */
  visitorConnected(visitorId: string): Promise<boolean>;
}

/** A broadcaster over the real Socket.IO namespaces. */
export function createBroadcaster(visitors: Namespace, agents: Namespace): Broadcaster {
  // The typed signatures above are the contract; the namespaces themselves are untyped.
  const emit = (namespace: Namespace, room: string | string[], event: string, args: unknown[]) =>
    namespace.to(room).emit(event, ...args);
  return {
    toVisitor: (visitorId, event, ...args) => emit(visitors, rooms.visitor(visitorId), event, args),
    toSiteVisitors: (siteId, event, ...args) =>
      emit(visitors, rooms.siteVisitors(siteId), event, args),
    toSiteAgents: (siteId, event, ...args) => emit(agents, rooms.siteAgents(siteId), event, args),
    toAgent: (agentId, event, ...args) => emit(agents, rooms.agent(agentId), event, args),
    toWatchers: ({ id, agentId }, event, ...args) =>
      emit(
        agents,
        agentId ? [rooms.conversation(id), rooms.agent(agentId)] : rooms.conversation(id),
        event,
        args,
      ),
    // With the Redis adapter this asks every node (answering within its request timeout).
    visitorConnected: async (visitorId) =>
      (await visitors.in(rooms.visitor(visitorId)).fetchSockets()).length > 0,
  };
}
