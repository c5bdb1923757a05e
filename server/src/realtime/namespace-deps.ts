import type { TokenService } from '../auth/tokens';
import type { Hub } from '../conversations/hub';
import type { Logger } from '../logger';
import type { Limiter } from '../rate-limits/take-point';

/** What each namespace is attached with. */
export interface NamespaceDeps {
  hub: Hub;
  tokens: TokenService;
  logger: Logger;
  /** Requests per socket; one limiter serves both namespaces, keyed by socket id. */
  limiter: Limiter;
}
