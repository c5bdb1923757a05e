import { RateLimiterMemory } from 'rate-limiter-flexible';

/**
 * Requests per socket: generous for a person typing (typing and seen events included), tight
 * enough that a runaway client or script cannot flood the relay.
 */
export function createSocketLimiter(): RateLimiterMemory {
  return new RateLimiterMemory({ points: 60, duration: 5 });
}
