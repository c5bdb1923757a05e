/** The outbox's state changes, shared by the stores so that both decide them the same way. */
import type { MailOutcome, OutboxMail } from './store';

/** Whether a claim may take `mail` at `now` (ISO): due and pending, or its sender's lease ran out. */
export function isDue(mail: OutboxMail, now: string): boolean {
  const at = Date.parse(now);
  if (mail.status === 'pending') return Date.parse(mail.nextAttemptAt) <= at;
  return mail.status === 'sending' && mail.leaseUntil !== null && Date.parse(mail.leaseUntil) < at;
}

/** `mail` after a send ended with `outcome`: released from its lease either way. */
export function settled(mail: OutboxMail, outcome: MailOutcome): OutboxMail {
  const released = { ...mail, leaseHolder: null, leaseUntil: null };
  switch (outcome.status) {
    case 'sent':
      return { ...released, status: 'sent', sentAt: outcome.at, lastError: null };
    case 'pending':
      return {
        ...released,
        status: 'pending',
        nextAttemptAt: outcome.nextAttemptAt,
        lastError: outcome.error,
      };
    case 'failed':
      return { ...released, status: 'failed', lastError: outcome.error };
  }
}
