/**
 * A Parley relay on `store` for the benchmarks: one visitor sends far faster than a person, so the
 * flood limits are lifted and the benchmark measures the relay's own cost.
 */
import { createApp, createLogger, type App, type Store } from '@parley/server';

export function unlimitedRelay(store: Store): Promise<App> {
  return createApp({
    config: { publicUrl: undefined, redisUrl: undefined, smtpUrl: undefined },
    store,
    logger: createLogger('silent'),
    socketRateLimit: { points: 1_000_000, durationSeconds: 1 },
    limits: {
      messagesPerVisitor: { points: 1_000_000, durationSeconds: 1 },
      messagesPerAddress: { points: 1_000_000, durationSeconds: 1 },
    },
  });
}
