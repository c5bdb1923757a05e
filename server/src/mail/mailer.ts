/**
 * Outgoing email (offline messages to owners, transcripts to visitors) through SMTP_URL.
 * Without SMTP_URL the server runs fine; asking for an email then answers MAIL_UNAVAILABLE.
 */
import nodemailer from 'nodemailer';
import { ParleyError } from '@parley/shared';

/** One email. */
export interface Mail {
  to: string | string[];
  subject: string;
  text: string;
  replyTo?: string;
}

/** Sends email, or refuses clearly when none is configured. */
export interface Mailer {
  readonly configured: boolean;
  send(mail: Mail): Promise<void>;
}

/** A mailer for `smtpUrl`, or one that is not configured. */
export function createMailer(smtpUrl: string | undefined, from: string): Mailer {
  if (!smtpUrl) {
    return {
      configured: false,
      async send() {
        throw new ParleyError('MAIL_UNAVAILABLE', 'Email is not configured on this server');
      },
    };
  }
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    configured: true,
    async send(mail) {
      await transport.sendMail({ from, ...mail });
    },
  };
}
