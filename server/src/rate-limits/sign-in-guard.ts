/**
 * Sign-in throttling that counts failures only. Two limits:
 * - per address, a hard limit on failures (30 per 15 minutes by default). A point is taken before
 *   the password is checked, so a burst of parallel guesses cannot overrun it, and handed back when
 *   the password was right: successful sign-ins from a busy office address never add up.
 * - per (account, address) pair, a slow-down: after a few failures each attempt must wait, the wait
 *   doubling with each further failure, up to a maximum. A stranger guessing an account from their
 *   address delays only their own pair; the owner signs in from any other address at once, and from
 *   the same address once the wait is over. A right password forgets the pair's failures.
 * Unknown and known accounts go through the same steps, so the answers do not tell them apart.
 */
import { RateLimiterRes } from 'rate-limiter-flexible';
import { slowdownSeconds } from './limits';
import type { RateLimiters } from './rate-limiters';
import { refusal } from './take-point';

const MESSAGE = 'Too many failed sign-ins; wait before trying again';

/** The sign-in checks of one relay. */
export interface SignInGuard {
  /**
   * Throws RATE_LIMITED when this attempt must wait; otherwise runs `check`, which returns the
   * signed-in account or null for wrong credentials, and records the outcome.
   */
  attempt<T>(email: string, address: string, check: () => Promise<T | null>): Promise<T | null>;
}

type GuardLimiters = Pick<
  RateLimiters,
  'limits' | 'signInFailuresPerAddress' | 'signInPairFailures' | 'signInPairWait'
>;

/** The guard over `limiters`. */
export function signInGuard(limiters: GuardLimiters): SignInGuard {
  const { signInFailuresPerAddress: perAddress, signInPairFailures, signInPairWait } = limiters;
  const slowdown = limiters.limits.signInSlowdown;
  return {
    async attempt(email, address, check) {
      // Case does not make another account, nor another pair to guess from.
      const pair = `${email.trim().toLowerCase()}|${address}`;
      const wait = await signInPairWait.get(pair);
      if (wait && wait.consumedPoints > 0) throw refusal(MESSAGE, wait.msBeforeNext);
      try {
        await perAddress.consume(address);
      } catch (rejection) {
        if (!(rejection instanceof RateLimiterRes)) throw rejection;
        throw refusal(MESSAGE, rejection.msBeforeNext);
      }
      let signedIn: Awaited<ReturnType<typeof check>>;
      try {
        signedIn = await check();
      } catch (error) {
        // A fault is not a failed guess.
        await perAddress.reward(address);
        throw error;
      }
      if (signedIn !== null) {
        await perAddress.reward(address);
        await Promise.all([signInPairFailures.delete(pair), signInPairWait.delete(pair)]);
      } else {
        const failures = await signInPairFailures.penalty(pair);
        const seconds = slowdownSeconds(slowdown, failures.consumedPoints);
        if (seconds > 0) await signInPairWait.block(pair, seconds);
      }
      return signedIn;
    },
  };
}
