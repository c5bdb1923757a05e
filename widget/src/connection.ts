/**
 * The /visitor socket. Socket.IO's manager owns reconnection (with backoff); this module only
 * translates: socket events into model calls, model requests into acked emits.
 */
import {
  NAMESPACES,
  type Ack,
  type ErrorCode,
  type VisitorAnnouncements,
  type VisitorClientEvents,
} from '@parley/shared';
import { io, type Socket } from 'socket.io-client';
import type { ChatModel } from './models/chat-model';
import type { WidgetStorage } from './storage';
import type { Result, Transport } from './transport';

const ACK_TIMEOUT_MS = 15_000;

/** The socket as the rest of the app uses it. */
export interface Connection {
  transport: Transport;
  connect(): void;
  /** For `online` and `visibilitychange`: connect if not connected. Never a loop of our own. */
  wake(): void;
  /**
   * For the browser's `offline` event: drop the connection now, so the panel says so at once
   * instead of when the heartbeat times out; Socket.IO then reconnects as after any drop.
   */
  lost(): void;
  /** Reconnects from scratch, e.g. after the server forgot our token. */
  restart(): void;
}

/** Creates the socket (not connected yet) and its transport. Call `bind` before `connect`. */
export function createConnection(origin: string, siteId: string, storage: WidgetStorage) {
  const socket: Socket<VisitorAnnouncements, VisitorClientEvents> = io(
    `${origin}${NAMESPACES.visitor}`,
    {
      autoConnect: false,
      // A function, so every reconnect sends the latest token.
      auth: (send) => {
        const token = storage.get('token');
        send(token ? { siteId, token } : { siteId });
      },
    },
  );
  // Socket.IO's typed emit cannot follow a request name chosen at run time; this is the one
  // place that steps outside its types, and `Transport` puts them back.
  const untyped = socket as unknown as {
    timeout(ms: number): { emit(name: string, payload: unknown, ack: unknown): void };
  };

  const transport: Transport = {
    request(name, payload) {
      type Out = Parameters<Parameters<VisitorClientEvents[typeof name]>[1]>[0];
      if (!socket.connected) {
        return Promise.resolve({ ok: false, error: { code: 'OFFLINE', message: 'not connected' } });
      }
      return new Promise<Result<never>>((resolve) => {
        untyped.timeout(ACK_TIMEOUT_MS).emit(name, payload, (err: Error | null, reply: Out) => {
          if (!err) return resolve(reply as Ack<never>);
          // Socket.IO also fails pending acks on disconnect, and a phone that lost its network
          // may not have noticed yet: both are "offline" (wait and resend), not "too slow".
          const code = socket.connected && navigator.onLine !== false ? 'TIMEOUT' : 'OFFLINE';
          resolve({ ok: false, error: { code, message: err.message } });
        });
      });
    },
  };

  let retriedWithoutToken = false;

  function bind(model: ChatModel): Connection {
    socket.on('connect', () => void model.connected());
    socket.on('disconnect', () => model.disconnected());
    socket.io.on('reconnect_attempt', () => model.connecting());
    socket.on(
      'connect_error',
      (error: Error & { data?: { code?: unknown; retryAfterMs?: unknown } }) => {
        // While `active`, the manager retries by itself; otherwise the server said no.
        if (socket.active) return model.disconnected();
        const code = error.data?.code;
        if (code === 'UNAUTHENTICATED' && !retriedWithoutToken && storage.get('token')) {
          retriedWithoutToken = true;
          storage.remove('token');
          socket.connect();
          return;
        }
        const retryAfterMs = error.data?.retryAfterMs;
        model.refused(
          // A code this widget does not know (a newer relay's) reads as a generic error: see
          // text/error-text.ts. Checking against the table would ship the table to every page.
          typeof code === 'string' ? (code as ErrorCode) : 'INTERNAL',
          typeof retryAfterMs === 'number' ? retryAfterMs : undefined,
        );
      },
    );
    socket.on('message:created', ({ message }) => model.messageCreated(message));
    socket.on('conversation:updated', ({ conversation }) =>
      model.conversationUpdated(conversation),
    );
    socket.on('conversation:closed', ({ conversationId, closedBy }) =>
      model.conversationClosed(conversationId, closedBy),
    );
    socket.on('typing:changed', (event) => model.typingChanged(event));
    socket.on('seen:changed', (event) => model.seenChanged(event));
    socket.on('presence:changed', ({ available, agent }) =>
      model.presenceChanged(available, agent),
    );
    return {
      transport,
      connect: () => {
        model.connecting();
        socket.connect();
      },
      wake: () => {
        // Safe while the manager is mid-backoff: Socket#connect does not open a second engine.
        if (socket.disconnected) socket.connect();
      },
      restart: () => {
        socket.disconnect();
        socket.connect();
      },
      lost: () => {
        if (socket.connected) socket.io.engine.close();
      },
    };
  }

  return { transport, bind };
}
