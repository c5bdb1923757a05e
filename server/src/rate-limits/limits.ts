/**
 * How much each person and each address may do. A person is a visitor id (every tab and socket of
 * theirs) or an account; an address is the client address as the trusted proxies report it.
 */
import type { RateLimit } from './rate-limit';

/** Failed sign-ins on one (account, address) pair are slowed down, never locked out. */
export interface SignInSlowdown {
  /** Failures on a pair before any wait. */
  freeFailures: number;
  /** The wait after the first failure past the free ones; it doubles with each further failure. */
  baseDelaySeconds: number;
  /** The longest wait. */
  maxDelaySeconds: number;
  /** How long a pair's failures are remembered; a correct password forgets them at once. */
  windowSeconds: number;
}

/** Every limit the relay enforces. */
export interface RelayLimits {
  /** Requests per visitor (all their sockets) and per agent (all their consoles). */
  socketRequests: RateLimit;
  /** Failed sign-ins per address: the one hard limit on signing in. Successes do not count. */
  signInFailuresPerAddress: RateLimit;
  signInSlowdown: SignInSlowdown;
  /** Messages a visitor sends, over all their sockets. */
  messagesPerVisitor: RateLimit;
  /** Messages all visitors behind one address send. */
  messagesPerAddress: RateLimit;
  /** Chats started from one address. */
  newChatsPerAddress: RateLimit;
  /** Offline messages left from one address. */
  offlineMessagesPerAddress: RateLimit;
  /** Socket connections (handshakes) from one address, both namespaces. */
  connectionsPerAddress: RateLimit;
  /** Transcripts emailed for one conversation. */
  transcriptsPerConversation: RateLimit;
  /**
   * Files a visitor uploads: the window, and the most any site may allow; each site's own
   * allowance (its attachment settings) is checked against the count.
   */
  uploadsPerVisitor: RateLimit;
}

/** The defaults: generous for people, tight for scripts. */
export const DEFAULT_LIMITS: RelayLimits = {
  socketRequests: { points: 60, durationSeconds: 5 },
  signInFailuresPerAddress: { points: 30, durationSeconds: 15 * 60 },
  signInSlowdown: {
    freeFailures: 5,
    baseDelaySeconds: 1,
    maxDelaySeconds: 60,
    windowSeconds: 15 * 60,
  },
  messagesPerVisitor: { points: 30, durationSeconds: 60 },
  messagesPerAddress: { points: 120, durationSeconds: 60 },
  newChatsPerAddress: { points: 20, durationSeconds: 60 * 60 },
  offlineMessagesPerAddress: { points: 10, durationSeconds: 60 * 60 },
  connectionsPerAddress: { points: 60, durationSeconds: 60 },
  transcriptsPerConversation: { points: 3, durationSeconds: 24 * 60 * 60 },
  uploadsPerVisitor: { points: 1000, durationSeconds: 60 * 60 },
};

/**
 * The defaults with `overrides`, each per-address allowance multiplied by `addressScale`: for
 * sites whose visitors or agents share few addresses (a corporate NAT, a carrier's CGNAT).
 */
export function relayLimits(overrides: Partial<RelayLimits> = {}, addressScale = 1): RelayLimits {
  const limits = { ...DEFAULT_LIMITS, ...overrides };
  const more = (limit: RateLimit): RateLimit => ({ ...limit, points: limit.points * addressScale });
  return {
    ...limits,
    signInFailuresPerAddress: more(limits.signInFailuresPerAddress),
    messagesPerAddress: more(limits.messagesPerAddress),
    newChatsPerAddress: more(limits.newChatsPerAddress),
    offlineMessagesPerAddress: more(limits.offlineMessagesPerAddress),
    connectionsPerAddress: more(limits.connectionsPerAddress),
  };
}

/** The wait a pair owes after its `failures`-th failure, in whole seconds (Redis counts in seconds). */
export function slowdownSeconds(slowdown: SignInSlowdown, failures: number): number {
  const past = failures - slowdown.freeFailures;
  if (past <= 0) return 0;
  const wait = slowdown.baseDelaySeconds * 2 ** Math.min(past - 1, 30);
  return Math.max(1, Math.ceil(Math.min(wait, slowdown.maxDelaySeconds)));
}
