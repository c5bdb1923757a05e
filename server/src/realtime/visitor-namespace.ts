/**
 * The /visitor namespace. The handshake carries the site id and the visitor's token; the page's
 * origin is checked against the site's allowed origins. A missing or foreign token starts a new
 * visitor, whose token `visitor:hello` returns for the widget to keep.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { ParleyError } from '@parley/shared';
import type { Namespace } from 'socket.io';
import { visitorAuthSchema } from '@parley/shared/schemas';
import { visitorRequestSchemas } from '@parley/shared/request-schemas';
import { rooms } from '../conversations/rooms';
import { leaveOfflineMessage } from '../conversations/offline-message';
import * as visitor from '../conversations/visitor-actions';
import * as profile from '../conversations/visitor-profile';
import type { VisitorLimits } from '../rate-limits/visitor-limits';
import { connectionRefusal, requestHandlers } from './ack-handler';
import type { NamespaceDeps } from './namespace-deps';
import { isOriginAllowed } from './origin';

interface VisitorSocketData {
  actor: profile.VisitorActor;
  token: string;
}

/** What only the visitor namespace needs. */
export interface VisitorNamespaceDeps extends NamespaceDeps {
  /** Per visitor and per address limits; `limiter` counts requests per visitor id. */
  limits: VisitorLimits;
  /** The client address of a handshake, with the same TRUST_PROXY setting as HTTP. */
  clientAddress: (request: IncomingMessage) => string;
}

export function attachVisitorNamespace(namespace: Namespace, deps: VisitorNamespaceDeps): void {
  const { relay, tokens, logger, limits } = deps;
  const { limiter } = deps;

  namespace.use(async (socket, next) => {
    try {
      const address = deps.clientAddress(socket.request);
      await limits.connection(address);
      const auth = visitorAuthSchema.safeParse(socket.handshake.auth);
      if (!auth.success) throw new ParleyError('VALIDATION_FAILED', 'auth.siteId is required');
      const site = await relay.conversations.requireChatSite(auth.data.siteId);
      if (!isOriginAllowed(site, socket.handshake.headers.origin)) {
        throw new ParleyError(
          'ORIGIN_NOT_ALLOWED',
          'This page is not allowed to use the site chat',
        );
      }
      const known = auth.data.token
        ? await tokens.verifyVisitorToken(auth.data.token, site.id)
        : null;
      const visitorId = known ?? randomUUID();
      const data: VisitorSocketData = {
        actor: {
          visitorId,
          siteId: site.id,
          userAgent: socket.handshake.headers['user-agent'] ?? null,
          address,
        },
        token:
          known && auth.data.token
            ? auth.data.token
            : await tokens.issueVisitorToken(visitorId, site.id),
      };
      socket.data = data;
      next();
    } catch (error) {
      next(
        error instanceof ParleyError
          ? connectionRefusal(error)
          : connectionRefusal(new ParleyError('INTERNAL', 'Could not connect')),
      );
      if (!(error instanceof ParleyError)) logger.error({ err: error }, 'visitor handshake failed');
    }
  });

  const answerRequests = requestHandlers<typeof visitorRequestSchemas, VisitorSocketData>(
    visitorRequestSchemas,
    {
      'visitor:hello': ({ actor, token }, input) => profile.hello(relay, actor, input, token),
      'visitor:identify': ({ actor }, input) => profile.identify(relay, actor, input),
      'page:view': ({ actor }, input) => profile.pageView(relay, actor, input),
      'message:send': async ({ actor }, input) => {
        await limits.message(actor.visitorId, actor.address);
        return visitor.sendMessage(relay, actor, input, () => limits.newChat(actor.address));
      },
      'message:history': ({ actor }, input) => visitor.history(relay, actor, input),
      'typing:set': ({ actor }, input) => visitor.typing(relay, actor, input),
      'seen:set': ({ actor }, input) => visitor.seen(relay, actor, input),
      'conversation:close': ({ actor }, input) => visitor.close(relay, actor, input),
      'rating:submit': ({ actor }, input) => visitor.rate(relay, actor, input),
      'transcript:email': ({ actor }, input) =>
        visitor.emailTranscript(relay, actor, input, () => limits.transcript(input.conversationId)),
      'offline:leave': async ({ actor }, input) => {
        await limits.offlineMessage(actor.address);
        return leaveOfflineMessage(relay, actor, input);
      },
    },
    // Every socket of one visitor draws on one allowance.
    { logger, limiter, limitKey: ({ actor }) => actor.visitorId },
  );

  namespace.on('connection', (socket) => {
    const { actor } = socket.data as VisitorSocketData;
    // With the Redis adapter joining is a Redis call; a failure must not crash the process.
    Promise.resolve(
      socket.join([rooms.visitor(actor.visitorId), rooms.siteVisitors(actor.siteId)]),
    ).catch((error: unknown) =>
      logger.error({ err: error, visitorId: actor.visitorId }, 'could not join visitor rooms'),
    );
    relay.metrics.connections.inc({ namespace: 'visitor' });
    socket.on('disconnect', () => relay.metrics.connections.dec({ namespace: 'visitor' }));

    answerRequests(socket, socket.data as VisitorSocketData);
  });
}
