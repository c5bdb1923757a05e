/**
 * Every rate limiter of one relay, made in one place. Without Redis they count in this process's
 * memory; given a Redis client they count in Redis under a key prefix, so that every relay process
 * sharing that Redis enforces one limit between them.
 */
import { RateLimiterMemory, RateLimiterRedis, RLWrapperTimeouts } from 'rate-limiter-flexible';
import type { createClient } from 'redis';
import type { Logger } from '../logger';
import { DEFAULT_SOCKET_RATE_LIMIT, type SocketRateLimit } from '../realtime/socket-limiter';
import { MemoryFallback } from './memory-fallback';
import type { RateLimit } from './rate-limit';
import type { Limiter } from './take-point';

/** Slows down password guessing without locking a real user out for long. */
export const SIGN_IN_LIMITS = {
  /** Attempts per client address, successful or not. */
  perAddress: { points: 30, durationSeconds: 60 },
  /** Failed attempts per account email; a success resets it. */
  perAccount: { points: 10, durationSeconds: 60 },
} as const satisfies Record<string, RateLimit>;

/**
 * A limiter call is on the path of every socket request and sign-in: past this, Redis counts as
 * down for that call and the memory fallback answers. node-redis itself would wait for a reply for
 * as long as the connection stays open. Generous, because a busy event loop must not trip it.
 */
export const REDIS_ANSWER_TIMEOUT_MS = 1000;

/** The limiters a relay enforces. */
export interface RateLimiters {
  /** Requests per socket, keyed by socket id (unique per namespace connection). */
  socketRequests: Limiter;
  /** Sign-in attempts per client address. */
  signInPerAddress: Limiter;
  /** Failed sign-in attempts per account email. */
  signInPerAccount: Limiter;
}

/** Where the counters live when they are shared. */
export interface SharedCounters {
  client: ReturnType<typeof createClient>;
  /** Prepended to every key, e.g. `parley:` gives `parley:rl:socket:<socket id>`. */
  keyPrefix: string;
  logger: Logger;
}

export interface RateLimiterOptions {
  socketRateLimit?: SocketRateLimit | undefined;
  /** Without it the limiters count in memory. */
  redis?: SharedCounters | undefined;
}

/** Creates the relay's limiters, in Redis when `redis` is given, else in memory. */
export function createRateLimiters(options: RateLimiterOptions = {}): RateLimiters {
  const { redis } = options;
  const make = (name: string, limit: RateLimit): Limiter =>
    redis ? redisLimiter(redis, name, limit) : memoryLimiter(limit);
  return {
    socketRequests: make('socket', options.socketRateLimit ?? DEFAULT_SOCKET_RATE_LIMIT),
    signInPerAddress: make('signin-address', SIGN_IN_LIMITS.perAddress),
    signInPerAccount: make('signin-account', SIGN_IN_LIMITS.perAccount),
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
