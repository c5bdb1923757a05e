/**
 * Sends what the outbox holds. Every relay runs one: each round claims due emails in the store
 * (a lease, so one relay at a time has an email), sends them, and records the outcome. A failed
 * send is retried with growing waits; a relay that dies mid-send loses its lease and another relay
 * (or itself, restarted) sends the email once the lease runs out.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from '../logger';
import type { OutboxContent, OutboxKind, OutboxMail, Store } from '../storage/store';
import { isPermanentFailure, type Mailer } from './mailer';

/** Longer than any one send can take with the mailer's timeouts (5 + 5 + 15 s). */
export const MAIL_LEASE_MS = 30_000;
/** Tries before an email is given up as failed. */
export const MAX_ATTEMPTS = 8;

/** The wait before try `attempts + 1`: 30 s, 1 min, 2 min, … at most an hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

/** What to put in the outbox. */
export interface NewMail {
  kind: OutboxKind;
  conversationId?: string | null;
  messageId?: string | null;
  content: OutboxContent;
}

export interface OutboxSender {
  /** Writes an email to the outbox and starts sending it soon. Resolves once it is stored. */
  enqueue(mail: NewMail): Promise<OutboxMail>;
  /** Stops the timer and waits for a round in progress. */
  stop(): Promise<void>;
}

export function startOutboxSender(deps: {
  store: Store;
  mailer: Mailer;
  logger: Logger;
  now: () => number;
  /** How often the outbox is looked at without a new email to prompt it. */
  everyMs?: number;
}): OutboxSender {
  const { store, mailer, logger, now } = deps;
  const holder = randomUUID();
  let round: Promise<void> | null = null;
  let again = false;
  let stopped = false;

  async function sendOne(mail: OutboxMail): Promise<void> {
    try {
      await mailer.send({ ...mail.content, messageId: `<${mail.id}@parley.outbox>` });
      await store.settleMail(mail.id, holder, { status: 'sent', at: iso(now()) });
      logger.info({ mailId: mail.id, kind: mail.kind, attempts: mail.attempts }, 'email sent');
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const giveUp = isPermanentFailure(error) || mail.attempts >= MAX_ATTEMPTS;
      await store.settleMail(
        mail.id,
        holder,
        giveUp
          ? { status: 'failed', error: message }
          : {
              status: 'pending',
              nextAttemptAt: iso(now() + retryDelayMs(mail.attempts)),
              error: message,
            },
      );
      logger.warn(
        { mailId: mail.id, kind: mail.kind, attempts: mail.attempts, err: error },
        giveUp ? 'email failed for good' : 'email failed; will retry',
      );
    }
  }

  async function drain(): Promise<void> {
    if (!mailer.configured) return;
    for (;;) {
      const at = now();
      const claimed = await store.claimMail(holder, iso(at), iso(at + MAIL_LEASE_MS), 10);
      for (const mail of claimed) await sendOne(mail);
      if (claimed.length < 10 || stopped) return;
    }
  }

  /** Runs a round now, or right after the one in progress. */
  function kick(): void {
    if (stopped) return;
    if (round) {
      again = true;
      return;
    }
    round = drain()
      .catch((error: unknown) => logger.error({ err: error }, 'outbox round failed'))
      .finally(() => {
        round = null;
        if (again) {
          again = false;
          kick();
        }
      });
  }

  const timer = setInterval(kick, deps.everyMs ?? 5_000);
  timer.unref();
  kick();

  return {
    async enqueue(mail) {
      const stored = await store.enqueueMail({
        id: randomUUID(),
        createdAt: iso(now()),
        kind: mail.kind,
        conversationId: mail.conversationId ?? null,
        messageId: mail.messageId ?? null,
        content: mail.content,
        status: 'pending',
        attempts: 0,
        nextAttemptAt: iso(now()),
        leaseHolder: null,
        leaseUntil: null,
        lastError: null,
        sentAt: null,
      });
      kick();
      return stored;
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      await round;
    },
  };
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
