/** The one way Parley asks a rate limiter for permission, for sockets and for HTTP alike. */
import { ParleyError } from '@parley/shared';
import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

/** What we need of a limiter; the memory and the Redis limiters both fit. */
export type Limiter = Pick<
  RateLimiterAbstract,
  'consume' | 'delete' | 'get' | 'block' | 'penalty' | 'reward'
>;

/**
 * Takes one point for `key`. Over the limit, throws RATE_LIMITED with the time until the window
 * frees a point. Anything else the limiter rejects with is a fault, not a refusal, so it is rethrown
 * for the boundary to log (with an insurance limiter behind Redis this does not happen).
 */
export async function takePoint(limiter: Limiter, key: string, message: string): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (rejection) {
    if (!(rejection instanceof RateLimiterRes)) throw rejection;
    throw refusal(message, rejection.msBeforeNext);
  }
}

/** The RATE_LIMITED error for a wait of `msBeforeNext`. */
export function refusal(message: string, msBeforeNext: number): ParleyError {
  return new ParleyError('RATE_LIMITED', message, {
    retryAfterMs: Math.max(1, Math.ceil(msBeforeNext)),
  });
}
