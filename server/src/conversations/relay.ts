/** The relay's parts, as every action and route receives them. */
import type { Logger } from '../logger';
import type { Mailer } from '../mail/mailer';
import type { OutboxSender } from '../mail/outbox-sender';
import type { ReplyAddresses } from '../mail/reply-address';
import type { Metrics } from '../ops/metrics';
import type { AgentPresence } from '../presence/agent-presence';
import type { Publisher } from '../realtime/publisher';
import type { Router } from '../routing/router';
import type { Store } from '../storage/store';
import type { ConversationService } from './conversation-service';

export interface Relay {
  /** The single source of truth. */
  store: Store;
  /** Which agents are connected, on any relay process. */
  presence: AgentPresence;
  /** Who gets which chat. */
  router: Router;
  /** Conversation steps that decide (through the store) and then announce. */
  conversations: ConversationService;
  /** Who is told what. */
  publish: Publisher;
  /** Whether email is configured, and its From address. Emails go through `outbox`. */
  mailer: Pick<Mailer, 'configured' | 'from'>;
  /** The durable outbox: every email is written here first, then sent (and retried). */
  outbox: OutboxSender;
  metrics: Metrics;
  logger: Logger;
  /** Reply addresses of conversations, when the relay receives email replies (else null). */
  replyAddresses: ReplyAddresses | null;
  /** The origin consoles reach the relay at (links in emails). */
  publicUrl: () => string;
  /** At most one owners' digest per site per this many ms. */
  digestIntervalMs: number;
  /** Epoch ms; tests move it forward to expire inactivity timeouts. */
  now: () => number;
}
