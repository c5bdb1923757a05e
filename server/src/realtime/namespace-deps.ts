import type { TokenService } from '../auth/tokens';
import type { Relay } from '../conversations/relay';
import type { Logger } from '../logger';
import type { Limiter } from '../rate-limits/take-point';

/** What each namespace is attached with. */
export interface NamespaceDeps {
  relay: Relay;
  tokens: TokenService;
  logger: Logger;
  /** Requests per person: one limiter serves both namespaces, keyed by visitor or agent. */
  limiter: Limiter;
}
