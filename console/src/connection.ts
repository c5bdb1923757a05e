import {
  NAMESPACES,
  type Ack,
  type AgentAnnouncements,
  type AgentClientEvents,
  type AgentRequests,
} from '@parley/shared';
import { io, type Socket } from 'socket.io-client';
import { RequestError, requestErrorFromBody } from './api/request-error';

/** A request name of the /agent namespace. */
export type AgentRequestName = keyof AgentRequests;
/** `unauthorized`: the relay refused the token; Socket.IO will not retry that by itself. */
export type ConnectionState = 'connecting' | 'connected' | 'disconnected' | 'unauthorized';

/** The console's live link to the relay. Models depend on this, never on Socket.IO itself. */
export interface AgentConnection {
  /** Sends a request and resolves with the ack's data, or rejects with a RequestError. */
  request<K extends AgentRequestName>(
    name: K,
    payload: AgentRequests[K]['in'],
  ): Promise<AgentRequests[K]['out']>;
  /** Subscribes to an announcement; returns the unsubscribe function. */
  on<K extends keyof AgentAnnouncements>(name: K, handler: AgentAnnouncements[K]): () => void;
  /** Subscribes to state changes (including every reconnect); returns the unsubscribe function. */
  onState(handler: (state: ConnectionState) => void): () => void;
  close(): void;
}

/** Opens the /agent namespace with the session token. */
export type ConnectAgent = (token: string) => AgentConnection;

const ACK_TIMEOUT_MS = 10_000;

/**
 * Connects to the relay that served this page (or `url`), authenticating with `token`; a
 * function is asked again on every reconnect, so a renewed token is used.
 */
export function connectAgent(
  token: string | (() => string),
  url: string = location.origin,
): AgentConnection {
  const currentToken = typeof token === 'function' ? token : () => token;
  const socket: Socket<AgentAnnouncements, AgentClientEvents> = io(url + NAMESPACES.agent, {
    auth: (send) => send({ token: currentToken() }),
  });
  const stateHandlers = new Set<(state: ConnectionState) => void>();
  const tell = (state: ConnectionState) => stateHandlers.forEach((handler) => handler(state));

  socket.on('connect', () => tell('connected'));
  socket.on('disconnect', (reason) => {
    tell('disconnected');
    // The relay closes a console whose session was revoked; connecting again gets the
    // UNAUTHENTICATED refusal that ends the session (Socket.IO does not retry this by itself).
    if (reason === 'io server disconnect') socket.connect();
  });
  socket.on('connect_error', (error: Error & { data?: { code?: unknown } }) => {
    const code = error.data?.code ?? error.message;
    tell(code === 'UNAUTHENTICATED' ? 'unauthorized' : 'disconnected');
  });

  return {
    request(name, payload) {
      return new Promise((resolve, reject) => {
        // Socket.IO's typed emit cannot express a generic event name; the request table keeps it honest.
        const emitter = socket.timeout(ACK_TIMEOUT_MS) as unknown as {
          emit(
            event: string,
            data: unknown,
            ack: (err: Error | null, reply?: Ack<never>) => void,
          ): void;
        };
        emitter.emit(name, payload, (timeout, reply) => {
          if (timeout || !reply) {
            reject(new RequestError('NETWORK', 'The server did not answer in time. Try again.'));
          } else if (reply.ok) {
            resolve(reply.data);
          } else {
            reject(requestErrorFromBody(reply.error));
          }
        });
      });
    },
    on(name, handler) {
      const loose = socket as unknown as {
        on(event: string, fn: unknown): void;
        off(event: string, fn: unknown): void;
      };
      loose.on(name, handler);
      return () => loose.off(name, handler);
    },
    onState(handler) {
      stateHandlers.add(handler);
      return () => stateHandlers.delete(handler);
    },
    close() {
      stateHandlers.clear();
      socket.disconnect();
    },
  };
}
