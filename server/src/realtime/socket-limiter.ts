import type { RateLimit } from '../rate-limits/rate-limit';

/** How many requests one socket may make per window. */
export type SocketRateLimit = RateLimit;

/**
 * The default is generous for a person typing (typing and seen events included) and tight enough
 * that a runaway client or script cannot flood the relay.
 */
export const DEFAULT_SOCKET_RATE_LIMIT: SocketRateLimit = { points: 60, durationSeconds: 5 };
