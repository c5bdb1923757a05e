import type { RateLimit } from '../rate-limits/rate-limit';

/** How many requests one visitor (all their sockets) or one agent socket may make per window. */
export type SocketRateLimit = RateLimit;
