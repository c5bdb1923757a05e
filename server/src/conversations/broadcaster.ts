/** Where announcements go: to the rooms of rooms.ts, in the two namespaces. */
import type { Namespace } from 'socket.io';
import type { AgentAnnouncements, VisitorAnnouncements } from '@parley/shared';
import type { SiteSummaries } from '../realtime/activity-summaries';
import { deliverSummaries } from '../realtime/inbox-fanout';
import { rooms } from './rooms';

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
  /** A site's inbox summaries, each of its consoles (on any relay) getting its share. */
  toSiteInboxes(batch: SiteSummaries): void;
  /** The consoles showing a conversation and those of its assignee, each socket once. */
  toWatchers<E extends keyof AgentAnnouncements>(
    conversation: { id: string; agentId: string | null },
    event: E,
    ...args: Args<AgentAnnouncements[E]>
  ): void;
  /** Whether the visitor has a widget connected to any relay right now. */
  visitorConnected(visitorId: string): Promise<boolean>;
}

/** Event name of a site's summaries passed between relays. */
const SUMMARIES = 'inbox:summaries';

/**
 * A broadcaster over the real Socket.IO namespaces. `clustered`: other relays share the adapter
 * (Redis), so the batches of summaries are passed to them too.
 */
export function createBroadcaster(
  visitors: Namespace,
  agents: Namespace,
  { clustered }: { clustered: boolean },
): Broadcaster {
  if (clustered) agents.on(SUMMARIES, (batch: SiteSummaries) => deliverSummaries(agents, batch));
  // The typed signatures above are the contract; the namespaces themselves are untyped.
  const emit = (namespace: Namespace, room: string | string[], event: string, args: unknown[]) =>
    namespace.to(room).emit(event, ...args);
  return {
    toVisitor: (visitorId, event, ...args) => emit(visitors, rooms.visitor(visitorId), event, args),
    toSiteVisitors: (siteId, event, ...args) =>
      emit(visitors, rooms.siteVisitors(siteId), event, args),
    toSiteAgents: (siteId, event, ...args) => emit(agents, rooms.siteAgents(siteId), event, args),
    toAgent: (agentId, event, ...args) => emit(agents, rooms.agent(agentId), event, args),
    toSiteInboxes: (batch) => {
      deliverSummaries(agents, batch);
      if (clustered) agents.serverSideEmit(SUMMARIES, batch);
    },
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
