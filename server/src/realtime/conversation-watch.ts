/**
 * `conversation:watch`: which conversations a console shows, as rooms of its socket. Only these
 * (and the agent's own chats) bring it full messages; see the fan-out rule in publisher.ts.
 */
import type { Socket } from 'socket.io';
import { currentAgent, servedConversation } from '../conversations/agent-actions';
import { rooms } from '../conversations/rooms';
import type { Relay } from '../conversations/relay';

const PREFIX = rooms.conversation('');

/**
 * Replaces the socket's watched conversations with `conversationIds`, all checked first: an
 * unknown conversation or one of another site's refuses the whole request and changes nothing.
 */
export async function watchConversations(
  relay: Relay,
  agentId: string,
  socket: Socket,
  conversationIds: string[],
): Promise<{ conversationIds: string[] }> {
  const agent = await currentAgent(relay, agentId);
  const wanted = [...new Set(conversationIds)];
  for (const id of wanted) await servedConversation(relay, agent, id);
  const next = new Set(wanted.map(rooms.conversation));
  for (const room of Array.from(socket.rooms)) {
    if (room.startsWith(PREFIX) && !next.has(room)) await socket.leave(room);
  }
  await socket.join([...next]);
  return { conversationIds: wanted };
}

/** Stops a socket watching every conversation (its agent lost a site: it asks again). */
export async function forgetWatches(socket: {
  rooms: Set<string>;
  leave: (room: string) => unknown;
}): Promise<void> {
  // A copy: leaving changes the set.
  for (const room of Array.from(socket.rooms))
    if (room.startsWith(PREFIX)) await socket.leave(room);
}
