/**
 * The mail transport behind the outbox (outbox-sender.ts), through SMTP_URL. Without SMTP_URL the
 * server runs fine: nothing is offered that would need email, and asking anyway answers
 * MAIL_UNAVAILABLE.
 */
import type { Transporter } from 'nodemailer';
import { ParleyError } from '@parley/shared';
import type { OutboxContent } from '../storage/store';

/** One email as the transport sends it. */
export interface Mail extends OutboxContent {
  /** A Message-ID of our own, so a receiver can tell a resend of the same email. */
  messageId?: string;
}

/** Sends email, or refuses clearly when none is configured. */
export interface Mailer {
  readonly configured: boolean;
  /** The From address. */
  readonly from: string;
  send(mail: Mail): Promise<void>;
  /** Checks the connection and the greeting; a message saying what failed, or null. */
  verify(): Promise<string | null>;
}

/**
 * Short timeouts: a send must end well within the outbox lease (outbox-sender.ts), or another
 * relay could take the same email over while this one is still talking to the server.
 */
const TIMEOUTS = { connectionTimeout: 5_000, greetingTimeout: 5_000, socketTimeout: 15_000 };

/** A mailer for `smtpUrl`, or one that is not configured. */
export function createMailer(smtpUrl: string | undefined, from: string): Mailer {
  if (!smtpUrl) {
    return {
      configured: false,
      from,
      async send() {
        throw new ParleyError('MAIL_UNAVAILABLE', 'Email is not configured on this server');
      },
      async verify() {
        return 'not configured';
      },
    };
  }
  // Loaded with the first email: nodemailer holds about 15 MB a relay without SMTP_URL never needs.
  let transport: Promise<Transporter> | null = null;
  const transporter = () =>
    (transport ??= import('nodemailer').then(({ default: nodemailer }) =>
      nodemailer.createTransport({ url: smtpUrl, ...TIMEOUTS }),
    ));
  return {
    configured: true,
    from,
    async send(mail) {
      const { messageId, ...content } = mail;
      await (
        await transporter()
      ).sendMail({ from, ...content, ...(messageId ? { messageId } : {}) });
    },
    async verify() {
      try {
        await (await transporter()).verify();
        return null;
      } catch (error) {
        return error instanceof Error ? error.message : String(error);
      }
    },
  };
}

/** Whether a send error will fail the same way every time (an SMTP 5xx reply). */
export function isPermanentFailure(error: unknown): boolean {
  const code = (error as { responseCode?: unknown } | null)?.responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}
