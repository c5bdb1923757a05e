/**
 * Builds the relay: HTTP routes, both Socket.IO namespaces and the hub between them, around a
 * store. No listening and no process handling here (main.ts does that), so tests start as many
 * independent servers as they like.
 */
import { createServer, type IncomingMessage, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Request } from 'express';
import proxyaddr from 'proxy-addr';
import { Server as SocketServer } from 'socket.io';
import type { Config } from './config';
import { createTokenService, type TokenService } from './auth/tokens';
import { demoSiteId } from './bootstrap/first-start';
import { createBroadcaster } from './conversations/broadcaster';
import { rooms } from './conversations/rooms';
import { startChores } from './chores/cluster-chores';
import { releaseDepartedAgents } from './chores/departed-agents';
import { closeInactive } from './chores/inactivity';
import { deleteExpiredConversations } from './chores/retention';
import { deleteUnsentFiles, UNSENT_FILE_SWEEP_MS } from './chores/unsent-files';
import { ConversationService } from './conversations/conversation-service';
import { DEFAULT_DIGEST_MINUTES, sendDueDigests } from './conversations/owner-digest';
import type { Relay } from './conversations/relay';
import { openPresence } from './presence/open-presence';
import { Publisher } from './realtime/publisher';
import { Router } from './routing/router';
import { DEFAULT_REDIS_PREFIX } from './config';
import { agentRoutes } from './http/agent-routes';
import { auditRoutes } from './http/audit-routes';
import { reportRoutes } from './http/report-routes';
import { forgetWatches } from './realtime/conversation-watch';
import { authRoutes } from './http/auth-routes';
import { conversationRoutes } from './http/conversation-routes';
import { frontEndRoutes } from './http/front-end-routes';
import { errorHandler } from './http/http-errors';
import { rejectMalformedPaths } from './http/malformed-path';
import { requireAgent } from './http/require-agent';
import { securityHeaders, socketSecurityHeaders } from './http/security-headers';
import { siteRoutes } from './http/site-routes';
import { fileRoutes } from './http/file-routes';
import { visitorRoutes } from './http/visitor-routes';
import { widgetConfigRoutes } from './http/widget-config-routes';
import type { Logger } from './logger';
import { createMailer } from './mail/mailer';
import { startInboundSmtp, type InboundSmtp } from './mail/inbound-smtp';
import { startOutboxSender } from './mail/outbox-sender';
import { openReplyAddresses } from './mail/reply-address';
import { createMetrics } from './ops/metrics';
import { opsRoutes } from './ops/ops-routes';
import type { RelayLimits } from './rate-limits/limits';
import { openRateLimiters } from './rate-limits/open-rate-limiters';
import { signInGuard } from './rate-limits/sign-in-guard';
import { visitorLimits } from './rate-limits/visitor-limits';
import { attachAgentNamespace } from './realtime/agent-namespace';
import { attachRedisAdapter } from './realtime/redis-adapter';
import type { SocketRateLimit } from './realtime/socket-limiter';
import { attachVisitorNamespace } from './realtime/visitor-namespace';
import type { AgentRecord, Store, StoreHealth } from './storage/store';
import { ParleyError, NAMESPACES } from '@parley/shared';

/** Everything createApp needs; the optional parts exist for tests. */
export interface AppDeps {
  config: Pick<Config, 'publicUrl' | 'redisUrl' | 'smtpUrl'> &
    Partial<
      Pick<
        Config,
        | 'redisPrefix'
        | 'agentGraceMs'
        | 'metricsToken'
        | 'trustProxy'
        | 'addressLimitScale'
        | 'limits'
        | 'digestMinutes'
        | 'smtpInboundPort'
        | 'smtpInboundDomain'
      >
    >;
  store: Store;
  logger: Logger;
  now?: () => number;
  /** How long a disconnected agent keeps their chats (default 60 s). */
  agentGraceMs?: number;
  /** How often inactive chats are looked for (default 30 s). */
  inactivitySweepMs?: number;
  /** How often conversations past their site's retention are looked for (default 1 h). */
  retentionSweepMs?: number;
  /** How often uploads never sent are looked for (default 1 h). */
  unsentFileSweepMs?: number;
  /** How long an agent token lasts (default 12 h). */
  agentSessionSeconds?: number;
  /** Requests per visitor or agent per window (default 60 per 5 s). */
  socketRateLimit?: SocketRateLimit;
  /** Overrides of the default rate limits (tests use small ones). */
  limits?: Partial<RelayLimits>;
}

/** A built, not yet listening, relay. */
export interface App {
  http: HttpServer;
  io: SocketServer;
  relay: Relay;
  tokens: TokenService;
  /** Whether email is configured, and a check of the connection to the mail server. */
  mail: {
    configured: boolean;
    verify: () => Promise<string | null>;
    /** The port visitors' email replies are received on once listening, or null when off. */
    inboundPort: () => number | null;
    /** The domain of reply addresses, or null when replies are not received. */
    replyDomain: string | null;
  };
  /** Listens on `port` (0 for a free one) and returns the origin it serves. */
  listen(port: number): Promise<string>;
  /** The origin pages and consoles reach this server at. */
  publicUrl(): string;
  /** Stops accepting connections, closes sockets and timers; the caller closes the store. */
  close(): Promise<void>;
}

export async function createApp(deps: AppDeps): Promise<App> {
  const { store, logger, config } = deps;
  const now = deps.now ?? Date.now;
  const tokens = await createTokenService(store, {
    now,
    agentSessionSeconds: deps.agentSessionSeconds,
  });
  const metrics = createMetrics();
  const mailer = createMailer(config.smtpUrl, 'Parley <no-reply@parley.local>');
  const agentGraceMs = deps.agentGraceMs ?? config.agentGraceMs ?? 60_000;

  const app = express();
  app.set('trust proxy', config.trustProxy ?? false);
  const trustProxy = app.get('trust proxy fn') as (address: string, hop: number) => boolean;
  const http = createServer(app);
  const io = new SocketServer(http, {
    // The widget runs on other sites' pages; each site's allowed origins are checked in the handshake.
    cors: { origin: true },
    maxHttpBufferSize: 64 * 1024,
  });
  socketSecurityHeaders(io.engine);
  const closeAdapter = config.redisUrl
    ? await attachRedisAdapter(
        io,
        config.redisUrl,
        logger,
        config.redisPrefix ?? DEFAULT_REDIS_PREFIX,
      )
    : async () => {};
  const limiters = await openRateLimiters({
    redisUrl: config.redisUrl,
    keyPrefix: config.redisPrefix,
    logger,
    limits: {
      ...config.limits,
      ...(deps.socketRateLimit && { socketRequests: deps.socketRateLimit }),
      ...deps.limits,
    },
    addressScale: config.addressLimitScale,
  });

  let listeningUrl = '';
  const publicUrl = () => config.publicUrl ?? listeningUrl;
  const requestUrl = (req: Request) => config.publicUrl ?? `${req.protocol}://${req.get('host')}`;

  const presence = await openPresence({
    redisUrl: config.redisUrl,
    keyPrefix: config.redisPrefix ?? DEFAULT_REDIS_PREFIX,
    logger,
  });

  const visitors = io.of(NAMESPACES.visitor);
  const agents = io.of(NAMESPACES.agent);
  const publish = new Publisher(
    createBroadcaster(visitors, agents, { clustered: Boolean(config.redisUrl) }),
  );
  const router = new Router(store, presence, now);
  const outbox = startOutboxSender({ store, mailer, logger, now });
  const digestIntervalMs = (config.digestMinutes ?? DEFAULT_DIGEST_MINUTES) * 60_000;
  const repliesDomain =
    config.smtpInboundPort === undefined
      ? null
      : replyDomain(config.smtpInboundDomain, config.publicUrl);
  const replyAddresses = repliesDomain ? await openReplyAddresses(store, repliesDomain) : null;
  const parts = {
    store,
    presence,
    router,
    publish,
    mailer,
    outbox,
    metrics,
    logger,
    now,
    publicUrl,
    digestIntervalMs,
    replyAddresses,
  };
  const relay: Relay = { ...parts, conversations: new ConversationService(parts) };
  const limits = visitorLimits(limiters);
  const clientAddress = (request: IncomingMessage) => proxyaddr(request, trustProxy);
  attachVisitorNamespace(visitors, {
    relay,
    tokens,
    logger,
    limiter: limiters.socketRequests,
    limits,
    clientAddress,
  });
  attachAgentNamespace(agents, {
    relay,
    tokens,
    logger,
    limiter: limiters.socketRequests,
    admitConnection: limits.connection,
    clientAddress,
  });

  /** Keeps an agent's open consoles in step with their sites after a change made over REST. */
  const onAgentChanged = async (agent: AgentRecord, previousSiteIds?: string[]) => {
    const siteRooms = agent.siteIds.map(rooms.siteAgents);
    const sockets = await agents.in(rooms.agent(agent.id)).fetchSockets();
    const lostASite = (previousSiteIds ?? []).some((siteId) => !agent.siteIds.includes(siteId));
    for (const socket of sockets) {
      for (const room of socket.rooms) {
        if (room.startsWith('site-agents:') && !siteRooms.includes(room)) socket.leave(room);
      }
      socket.join(siteRooms);
      // Conversations of a site they left must stop arriving; the console watches again.
      if (lostASite) await forgetWatches(socket);
    }
    await relay.conversations.agentChanged(agent, previousSiteIds);
    await relay.conversations.tellVisitorsOf(agent);
  };

  /**
   * Closes every console of an agent whose tokens were revoked, on every node (the Redis adapter
   * forwards it). Reconnecting is then refused with UNAUTHENTICATED, which ends the console's session.
   */
  const onTokensRevoked = async (agentId: string) => {
    agents.in(rooms.agent(agentId)).disconnectSockets(true);
  };

  const auth = requireAgent(tokens, store);
  app.disable('x-powered-by');
  app.use(securityHeaders({ publicUrl: config.publicUrl }));
  app.use(rejectMalformedPaths);
  // Before the JSON parser: an upload's body is the file, whatever its type.
  app.use(fileRoutes({ relay, tokens, limits, requireAgent: auth }));
  app.use(express.json({ limit: '256kb' }));
  const health = async (): Promise<StoreHealth> => {
    const [stored, redisFailure] = await Promise.all([store.health(), limiters.redisFailure()]);
    if (!stored.ok) return stored;
    return redisFailure === null ? { ok: true } : { ok: false, reason: redisFailure };
  };
  app.use(opsRoutes({ health, metrics, metricsToken: config.metricsToken }));
  app.use(
    '/api/auth',
    authRoutes({
      store,
      tokens,
      requireAgent: auth,
      onTokensRevoked,
      signInGuard: signInGuard(limiters),
    }),
  );
  app.use('/api/audit', auditRoutes({ store, requireAgent: auth }));
  app.use(reportRoutes({ relay, requireAgent: auth }));
  app.use('/api/widget', widgetConfigRoutes({ relay }));
  app.use('/api/conversations', conversationRoutes({ relay, requireAgent: auth }));
  app.use('/api/visitors', visitorRoutes({ relay, requireAgent: auth }));
  app.use('/api/sites', siteRoutes({ relay, requireAgent: auth, onAgentChanged }));
  app.use(
    '/api/agents',
    agentRoutes({ relay, requireAgent: auth, onAgentChanged, onTokensRevoked }),
  );
  app.use('/api', () => {
    throw new ParleyError('NOT_FOUND', 'No such route');
  });
  app.use(frontEndRoutes({ demoSiteId: () => demoSiteId(store), publicUrl: requestUrl }));
  app.use((_req, _res, next) => next(new ParleyError('NOT_FOUND', 'Not found')));
  app.use(errorHandler(logger));

  for (const site of await store.listSites())
    metrics.queueLength.set({ site: site.id }, (await store.listQueue(site.id)).length);
  const stopChores = startChores(
    store,
    [
      {
        name: 'inactivity',
        everyMs: deps.inactivitySweepMs ?? 30_000,
        run: () => closeInactive(relay),
      },
      {
        name: 'owner digests',
        everyMs: Math.min(60_000, Math.max(1_000, digestIntervalMs / 10)),
        run: () => sendDueDigests(relay),
      },
      {
        name: 'retention',
        everyMs: deps.retentionSweepMs ?? 3_600_000,
        run: () => deleteExpiredConversations(relay),
      },
      {
        name: 'unsent files',
        everyMs: deps.unsentFileSweepMs ?? UNSENT_FILE_SWEEP_MS,
        run: () => deleteUnsentFiles(relay),
      },
      {
        name: 'departed agents',
        everyMs: Math.max(50, Math.min(5_000, Math.floor(agentGraceMs / 3))),
        run: () => releaseDepartedAgents(relay, agentGraceMs),
      },
    ],
    logger,
  );

  let inbound: InboundSmtp | null = null;
  return {
    http,
    io,
    relay,
    tokens,
    publicUrl,
    mail: {
      configured: mailer.configured,
      verify: () => mailer.verify(),
      inboundPort: () => inbound?.port ?? null,
      replyDomain: repliesDomain,
    },
    async listen(port) {
      const url = await new Promise<string>((resolve, reject) => {
        http.once('error', reject);
        http.listen(port, () => {
          const { port: bound } = http.address() as AddressInfo;
          listeningUrl = `http://localhost:${bound}`;
          resolve(listeningUrl);
        });
      });
      if (replyAddresses && config.smtpInboundPort !== undefined)
        inbound = await startInboundSmtp({
          relay,
          addresses: replyAddresses,
          port: config.smtpInboundPort,
        });
      return url;
    },
    async close() {
      await inbound?.close();
      publish.close();
      await new Promise<void>((resolve, reject) => {
        io.close(() => resolve()).catch(reject);
        // io.close closes the HTTP server too; idle keep-alive connections must not hold it open.
        http.closeAllConnections();
      });
      await stopChores();
      await outbox.stop();
      await presence.close();
      await closeAdapter();
      await limiters.close();
    },
  };
}

/** Reply addresses' domain: SMTP_INBOUND_DOMAIN, else PUBLIC_URL's host name, else localhost. */
function replyDomain(configured: string | undefined, publicUrl: string | undefined): string {
  if (configured) return configured;
  return publicUrl ? new URL(publicUrl).hostname : 'localhost';
}
