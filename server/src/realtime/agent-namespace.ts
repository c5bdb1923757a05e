/**
 * The /agent namespace: the console's live connection, authenticated by the login token.
 * Handshakes count against the same per-address allowance as visitors' (a flood of bad tokens
 * from one address is cut off), and requests are counted per agent over all their consoles.
 */
import { ParleyError } from '@parley/shared';
import { agentRequestSchemas } from '@parley/shared/request-schemas';
import { agentAuthSchema } from '@parley/shared/schemas';
import type { IncomingMessage } from 'node:http';
import type { Namespace, Socket } from 'socket.io';
import { authenticateAgent } from '../auth/agent-session';
import * as agent from '../conversations/agent-actions';
import { rooms } from '../conversations/rooms';
import { connectionRefusal, requestHandlers } from './ack-handler';
import { setListing } from './inbox-listing';
import { watchConversations } from './conversation-watch';
import type { NamespaceDeps } from './namespace-deps';

/** What only the agent namespace needs. */
export interface AgentNamespaceDeps extends NamespaceDeps {
  /** Before a handshake from `address`: throws RATE_LIMITED when the address has had its share. */
  admitConnection: (address: string) => Promise<void>;
  /** The client address of a handshake, with the same TRUST_PROXY setting as HTTP. */
  clientAddress: (request: IncomingMessage) => string;
}

/** Who is asking on an agent's socket. */
interface AgentContext {
  agentId: string;
  socket: Socket;
  /** Coming online (presence, status, routing), begun when the socket connected. */
  ready: Promise<void>;
}

export function attachAgentNamespace(namespace: Namespace, deps: AgentNamespaceDeps): void {
  const { relay, tokens, logger } = deps;
  const { limiter } = deps;

  namespace.use(async (socket, next) => {
    try {
      await deps.admitConnection(deps.clientAddress(socket.request));
      const auth = agentAuthSchema.safeParse(socket.handshake.auth);
      const token = auth.success ? auth.data.token : null;
      const record = token ? await authenticateAgent(tokens, relay.store, token) : null;
      if (!record) throw new ParleyError('UNAUTHENTICATED', 'Sign in again');
      socket.data = { agentId: record.id, siteIds: record.siteIds, token };
      next();
    } catch (error) {
      if (!(error instanceof ParleyError)) logger.error({ err: error }, 'agent handshake failed');
      next(
        connectionRefusal(
          error instanceof ParleyError ? error : new ParleyError('INTERNAL', 'Could not connect'),
        ),
      );
    }
  });

  const answerRequests = requestHandlers<typeof agentRequestSchemas, AgentContext>(
    agentRequestSchemas,
    {
      'agent:hello': ({ agentId, ready }) => ready.then(() => agent.hello(relay, agentId)),
      'agent:status': ({ agentId }, input) => agent.changeStatus(relay, agentId, input),
      'agent:loads': ({ agentId }) => agent.loads(relay, agentId),
      'message:send': ({ agentId }, input) => agent.sendMessage(relay, agentId, input),
      'message:history': ({ agentId }, input) => agent.history(relay, agentId, input),
      'typing:set': ({ agentId }, input) => agent.typing(relay, agentId, input),
      'seen:set': ({ agentId }, input) => agent.seen(relay, agentId, input),
      'conversation:take': ({ agentId }, input) => agent.take(relay, agentId, input),
      'conversation:transfer': ({ agentId }, input) => agent.transfer(relay, agentId, input),
      'conversation:close': ({ agentId }, input) => agent.close(relay, agentId, input),
      'conversation:tag': ({ agentId }, input) => agent.tag(relay, agentId, input),
      'conversation:watch': ({ agentId, socket }, input) =>
        watchConversations(relay, agentId, socket, input.conversationIds),
      'inbox:listing': async ({ socket }, input) => setListing(socket, input.conversationIds),
    },
    // Per agent, not per socket: opening more consoles buys no more requests.
    { logger, limiter, limitKey: ({ agentId }) => `agent:${agentId}` },
  );

  // Handlers are registered synchronously: events a client sends right after connecting must find them.
  namespace.on('connection', (socket) => {
    const { agentId, siteIds, token } = socket.data as {
      agentId: string;
      siteIds: string[];
      token: string;
    };
    // With the Redis adapter joining is a Redis call; a failure must not crash the process.
    Promise.resolve(socket.join([rooms.agent(agentId), ...siteIds.map(rooms.siteAgents)]))
      // A revocation between the handshake's check and joining the agent's room missed this
      // socket: check again now that a revocation would reach it.
      .then(async () => {
        if (!(await authenticateAgent(tokens, relay.store, token))) socket.disconnect(true);
      })
      .catch((error: unknown) =>
        logger.error({ err: error, agentId }, 'could not join agent rooms'),
      );
    relay.metrics.connections.inc({ namespace: 'agent' });
    // Coming online (presence, status, routing) is in flight while the first requests arrive:
    // hello answers with the state after it, and a quick disconnect is recorded after it.
    const ready = agent.connected(relay, agentId, socket.id).catch((error: unknown) => {
      logger.error({ err: error, agentId }, 'could not bring an agent online');
    });
    socket.on('disconnect', () => {
      relay.metrics.connections.dec({ namespace: 'agent' });
      void ready
        .then(() => relay.presence.disconnect(agentId, socket.id))
        .catch((error: unknown) =>
          logger.error({ err: error, agentId }, 'could not record an agent leaving'),
        );
    });

    answerRequests(socket, { agentId, socket, ready });
  });
}
