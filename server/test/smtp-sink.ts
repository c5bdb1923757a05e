/** A real SMTP server on a random port that keeps what it accepts, for tests of outgoing email. */
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface Captured {
  to: string[];
  raw: string;
}

export interface SmtpSink extends AsyncDisposable {
  url: string;
  /** Emails the sink answered 250 to, in order. */
  mails: Captured[];
  /** Emails whose data arrived but were never answered (see `hold`). */
  held: Captured[];
  /** While true, an email's data is read but never answered, as a server that hangs would. */
  hold: boolean;
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const sink = { mails: [] as Captured[], held: [] as Captured[], hold: false };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    // A held connection must not keep the test waiting at the end.
    closeTimeout: 500,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const mail = {
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        };
        if (sink.hold) {
          sink.held.push(mail);
          return;
        }
        sink.mails.push(mail);
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as { port: number };
  return Object.assign(sink, {
    url: `smtp://127.0.0.1:${port}`,
    async [Symbol.asyncDispose]() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  });
}

/** The plain-text body of a captured email, decoded. */
export async function bodyOf(mail: Captured): Promise<string> {
  return (await simpleParser(mail.raw)).text ?? '';
}
