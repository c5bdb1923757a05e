/**
 * The insurance behind each Redis limiter: when Redis is unreachable or slow, the limiter counts in
 * this process's memory instead of refusing (or letting through) every request, and says so.
 */
import { RateLimiterMemory } from 'rate-limiter-flexible';
import type { Logger } from '../logger';
import type { RateLimit } from './rate-limit';

/** While Redis stays down, one warning per limiter per this many milliseconds is enough. */
const WARN_EVERY_MS = 60_000;

/** A memory limiter that logs when it is used in place of Redis. */
export class MemoryFallback extends RateLimiterMemory {
  #lastWarnedAt = Number.NEGATIVE_INFINITY;

  constructor(
    limit: RateLimit,
    private readonly name: string,
    private readonly logger: Logger,
  ) {
    super({ points: limit.points, duration: limit.durationSeconds });
  }

  override consume(...args: Parameters<RateLimiterMemory['consume']>) {
    this.#warn();
    return super.consume(...args);
  }

  override delete(...args: Parameters<RateLimiterMemory['delete']>) {
    this.#warn();
    return super.delete(...args);
  }

  override get(...args: Parameters<RateLimiterMemory['get']>) {
    this.#warn();
    return super.get(...args);
  }

  override block(...args: Parameters<RateLimiterMemory['block']>) {
    this.#warn();
    return super.block(...args);
  }

  override penalty(...args: Parameters<RateLimiterMemory['penalty']>) {
    this.#warn();
    return super.penalty(...args);
  }

  override reward(...args: Parameters<RateLimiterMemory['reward']>) {
    this.#warn();
    return super.reward(...args);
  }

  #warn(): void {
    const now = Date.now();
    if (now - this.#lastWarnedAt < WARN_EVERY_MS) return;
    this.#lastWarnedAt = now;
    this.logger.warn(
      { limiter: this.name },
      'Redis did not answer the rate limiter; counting in this process only until it does',
    );
  }
}
