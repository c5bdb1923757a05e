/**
 * Every rate limiter of one relay, made in one place. Without Redis they count in this process's
 * memory; given a Redis client they count in Redis under a key prefix, so that every relay process
 * sharing that Redis enforces one limit between them.
 */
import { RateLimiterMemory, RateLimiterRedis, RLWrapperTimeouts } from 'rate-limiter-flexible';
import type { createClient } from 'redis';
import type { Logger } from '../logger';
import { relayLimits, type RelayLimits } from './limits';
import { MemoryFallback } from './memory-fallback';
import type { RateLimit } from './rate-limit';
import type { Limiter } from './take-point';

/**
 * A limiter call is on the path of every socket request and sign-in: past this, Redis counts as
 * down for that call and the memory fallback answers. node-redis itself would wait for a reply for
 * as long as the connection stays open. Generous, because a busy event loop must not trip it.
 */
export const REDIS_ANSWER_TIMEOUT_MS = 1000;

/** The limiters a relay enforces, each with its key. */
export interface RateLimiters {
  /** The limits they enforce. */
  limits: RelayLimits;
  /** Requests per visitor id (all their sockets), or per agent socket id. */
  socketRequests: Limiter;
  /** Failed sign-ins per client address (a point is taken per attempt, returned on success). */
  signInFailuresPerAddress: Limiter;
  /** Failed sign-ins per (account email, address) pair; counted with `penalty`, never refuses. */
  signInPairFailures: Limiter;
  /** A pair's current wait, set with `block` after a failure past the free ones. */
  signInPairWait: Limiter;
  /** Messages per visitor id. */
  messagesPerVisitor: Limiter;
  /** Messages per client address. */
  messagesPerAddress: Limiter;
  /** New chats per client address. */
  newChatsPerAddress: Limiter;
  /** Offline messages per client address. */
  offlineMessagesPerAddress: Limiter;
  /** Socket handshakes per client address. */
  connectionsPerAddress: Limiter;
  /** Transcript emails per conversation id. */
  transcriptsPerConversation: Limiter;
  /** Uploads per visitor id. */
  uploadsPerVisitor: Limiter;
}

/** Where the counters live when they are shared. */
export interface SharedCounters {
  client: ReturnType<typeof createClient>;
  /** Prepended to every key, e.g. `parley:` gives `parley:rl:socket:<visitor id>`. */
  keyPrefix: string;
  logger: Logger;
}

export interface RateLimiterOptions {
  /** Overrides of the defaults (tests use small ones). */
  limits?: Partial<RelayLimits> | undefined;
  /** Multiplies every per-address allowance (PARLEY_ADDRESS_LIMIT_SCALE). */
  addressScale?: number | undefined;
  /** Without it the limiters count in memory. */
  redis?: SharedCounters | undefined;
}

/** Creates the relay's limiters, in Redis when `redis` is given, else in memory. */
export function createRateLimiters(options: RateLimiterOptions = {}): RateLimiters {
  const { redis } = options;
  const limits = relayLimits(options.limits, options.addressScale);
  const make = (name: string, limit: RateLimit): Limiter =>
    redis ? redisLimiter(redis, name, limit) : memoryLimiter(limit);
  const slowdown = limits.signInSlowdown;
  return {
    limits,
    socketRequests: make('socket', limits.socketRequests),
    signInFailuresPerAddress: make('signin-address', limits.signInFailuresPerAddress),
    signInPairFailures: make('signin-pair', { points: 1, durationSeconds: slowdown.windowSeconds }),
    signInPairWait: make('signin-wait', { points: 1, durationSeconds: slowdown.maxDelaySeconds }),
    messagesPerVisitor: make('messages-visitor', limits.messagesPerVisitor),
    messagesPerAddress: make('messages-address', limits.messagesPerAddress),
    newChatsPerAddress: make('chats-address', limits.newChatsPerAddress),
    offlineMessagesPerAddress: make('offline-address', limits.offlineMessagesPerAddress),
    connectionsPerAddress: make('connections-address', limits.connectionsPerAddress),
    transcriptsPerConversation: make('transcripts', limits.transcriptsPerConversation),
    uploadsPerVisitor: make('uploads', limits.uploadsPerVisitor),
  };
}

function memoryLimiter(limit: RateLimit): Limiter {
  return new RateLimiterMemory({ points: limit.points, duration: limit.durationSeconds });
}

function redisLimiter(redis: SharedCounters, name: string, limit: RateLimit): Limiter {
  const insuranceLimiter = new MemoryFallback(limit, name, redis.logger);
  const limiter = new RateLimiterRedis({
    storeClient: redis.client,
    // node-redis v4+ has a different command API from ioredis, the library's default.
    useRedisPackage: true,
    keyPrefix: `${redis.keyPrefix}rl:${name}`,
    points: limit.points,
    duration: limit.durationSeconds,
    // While the client reconnects, node-redis would queue the command and the request would wait;
    // going straight to the insurance limiter answers it now.
    rejectIfRedisNotReady: true,
    insuranceLimiter,
  });
  return new RLWrapperTimeouts({ limiter, insuranceLimiter, timeoutMs: REDIS_ANSWER_TIMEOUT_MS });
}
