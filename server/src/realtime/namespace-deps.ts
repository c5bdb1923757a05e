import type { TokenService } from '../auth/tokens';
import type { Hub } from '../conversations/hub';
import type { Logger } from '../logger';
import type { SocketRateLimit } from './socket-limiter';

/** What each namespace is attached with. */
export interface NamespaceDeps {
  hub: Hub;
  tokens: TokenService;
  logger: Logger;
  rateLimit?: SocketRateLimit;
}
