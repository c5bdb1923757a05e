/**
 * The limits on what visitors do, keyed by person (visitor id) and by client address, so that
 * opening more sockets or tabs buys nothing, and one address cannot flood a site with chats, offline
 * messages or connections. Each refusal is RATE_LIMITED with `retryAfterMs`.
 */
import type { RateLimiters } from './rate-limiters';
import { refusal, takePoint } from './take-point';

/** The checks, each throwing RATE_LIMITED when over its limit. */
export interface VisitorLimits {
  /** Before a socket handshake from `address`. */
  connection(address: string): Promise<void>;
  /** Before a message from this visitor at `address`. */
  message(visitorId: string, address: string): Promise<void>;
  /** Before a chat is started from `address`. */
  newChat(address: string): Promise<void>;
  /** Before an offline message is left from `address`. */
  offlineMessage(address: string): Promise<void>;
  /** Before a transcript of `conversationId` is emailed. */
  transcript(conversationId: string): Promise<void>;
  /** Before a visitor's upload, on a site that allows `perHour` of them. */
  upload(visitorId: string, perHour: number): Promise<void>;
}

/** The visitor limits over `limiters`. */
export function visitorLimits(limiters: RateLimiters): VisitorLimits {
  return {
    connection: (address) =>
      takePoint(limiters.connectionsPerAddress, address, 'Too many connections; wait a little'),
    async message(visitorId, address) {
      await takePoint(limiters.messagesPerVisitor, visitorId, 'Too many messages; slow down');
      await takePoint(
        limiters.messagesPerAddress,
        address,
        'Too many messages from your network; slow down',
      );
    },
    newChat: (address) =>
      takePoint(limiters.newChatsPerAddress, address, 'Too many new chats; try again later'),
    offlineMessage: (address) =>
      takePoint(
        limiters.offlineMessagesPerAddress,
        address,
        'Too many messages left; try again later',
      ),
    transcript: (conversationId) =>
      takePoint(
        limiters.transcriptsPerConversation,
        conversationId,
        'This transcript has been emailed enough times',
      ),
    async upload(visitorId, perHour) {
      const message = 'Too many files sent; try again later';
      await takePoint(limiters.uploadsPerVisitor, visitorId, message);
      const taken = await limiters.uploadsPerVisitor.get(visitorId);
      if (taken && taken.consumedPoints > perHour) throw refusal(message, taken.msBeforeNext);
    },
  };
}
