/**
 * Which of a site's consoles get which summaries. A console hears of the conversations its inbox
 * lists (`inbox:listing`) and of every queued chat (any agent of the site may take it, and its
 * unread count is shown to all), never of one it gets in full already (it shows it, or it is its
 * agent's). A console that never said what it lists hears of all, as consoles did before
 * listings existed. So a console's share of a busy site's news is about the size of its screen,
 * not of the site.
 *
 * Each relay filters for the consoles connected to it: with several nodes, the batch crosses to
 * the others once (`serverSideEmit`) and each one filters for its own sockets.
 */
import type { Namespace, Socket } from 'socket.io';
import type { ConversationActivity } from '@parley/shared';
import { rooms } from '../conversations/rooms';
import type { SiteSummaries, SummaryEntry } from './activity-summaries';
import { listingOf } from './inbox-listing';

/** What decides a console's share: who it is, what it lists, what it shows. */
export interface ConsoleView {
  agentId: string;
  listing: ReadonlySet<string> | undefined;
  shows(conversationId: string): boolean;
}

/** The summaries one console gets out of a site's batch. */
export function summariesFor(view: ConsoleView, entries: SummaryEntry[]): ConversationActivity[] {
  const share: ConversationActivity[] = [];
  for (const { activity, queued, agentId } of entries) {
    const id = activity.conversationId;
    if (agentId === view.agentId || view.shows(id)) continue;
    if (queued || !view.listing || view.listing.has(id)) share.push(activity);
  }
  return share;
}

function viewOf(socket: Socket): ConsoleView {
  return {
    agentId: (socket.data as { agentId: string }).agentId,
    listing: listingOf(socket),
    shows: (conversationId) => socket.rooms.has(rooms.conversation(conversationId)),
  };
}

/** Sends each console of the site connected to this relay its share of the batch. */
export function deliverSummaries(agents: Namespace, batch: SiteSummaries): void {
  const socketIds = agents.adapter.rooms.get(rooms.siteAgents(batch.siteId));
  if (!socketIds) return;
  for (const socketId of socketIds) {
    const socket = agents.sockets.get(socketId);
    if (!socket) continue;
    const conversations = summariesFor(viewOf(socket), batch.entries);
    if (conversations.length > 0)
      socket.emit('inbox:activity', { siteId: batch.siteId, conversations });
  }
}
