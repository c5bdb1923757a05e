import { RateLimiterMemory } from 'rate-limiter-flexible';

/** How many requests one socket may make per window. */
export interface SocketRateLimit {
  points: number;
  durationSeconds: number;
}

/**
 * The default is generous for a person typing (typing and seen events included) and tight enough
 * that a runaway client or script cannot flood the relay.
 */
export const DEFAULT_SOCKET_RATE_LIMIT: SocketRateLimit = { points: 60, durationSeconds: 5 };

/** A per-socket limiter. */
export function createSocketLimiter(
  limit: SocketRateLimit = DEFAULT_SOCKET_RATE_LIMIT,
): RateLimiterMemory {
  return new RateLimiterMemory({ points: limit.points, duration: limit.durationSeconds });
}
