/**
 * `inbox:listing`: which conversations a console's inbox lists, so its summaries can be only
 * those (see inbox-fanout.ts). Kept with the socket and gone with it: a console says it again
 * after every reconnect. The ids are not checked against the store: a listing only narrows what
 * the socket's site rooms already bring it, so naming a stranger's conversation gains nothing.
 */
import type { Socket } from 'socket.io';

const listings = new WeakMap<Socket, ReadonlySet<string>>();

/** Replaces what the socket's console lists. */
export function setListing(
  socket: Socket,
  conversationIds: string[],
): { conversationIds: string[] } {
  const listing = new Set(conversationIds);
  listings.set(socket, listing);
  return { conversationIds: [...listing] };
}

/** What the socket's console lists; undefined if it never said. */
export function listingOf(socket: Socket): ReadonlySet<string> | undefined {
  return listings.get(socket);
}
