/**
 * The relay's own SMTP receiver (SMTP_INBOUND_PORT) for visitors' answers to our emails. It takes
 * mail for reply addresses of open conversations only (reply-address.ts) and refuses every other
 * recipient at RCPT, so it relays nothing anywhere. The visible part of the reply (quoted history
 * and signature removed) becomes a visitor message in that conversation, live in the console.
 *
 * The SMTP and MIME libraries are loaded only when the receiver starts: together they hold about
 * 40 MB of memory, which a relay without SMTP_INBOUND_PORT never needs.
 */
import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { storableText } from '@parley/shared/schemas';
import type { Relay } from '../conversations/relay';
import type { ReplyAddresses } from './reply-address';

/** Larger emails are refused: a reply to a chat is text, not an attachment. */
const MAX_BYTES = 1_000_000;
/** The longest message a visitor may send in the chat, and so by email. */
const MAX_TEXT = 10_000;

/** An SMTP refusal with its reply code. */
function refusal(code: number, message: string): Error & { responseCode: number } {
  return Object.assign(new Error(message), { responseCode: code });
}

export interface InboundSmtp {
  port: number;
  close(): Promise<void>;
}

export async function startInboundSmtp(deps: {
  relay: Relay;
  addresses: ReplyAddresses;
  port: number;
}): Promise<InboundSmtp> {
  const { relay, addresses } = deps;
  const [{ SMTPServer }, parsers] = await Promise.all([import('smtp-server'), loadParsers()]);
  const recipients = new WeakMap<object, string[]>();
  const server = new SMTPServer({
    name: new URL(relay.publicUrl() || 'http://localhost').hostname,
    banner: 'Parley replies',
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: MAX_BYTES,
    logger: false,
    onRcptTo(address, session, callback) {
      const conversationId = addresses.conversationOf(address.address);
      if (!conversationId) return callback(refusal(550, 'No such recipient here'));
      relay.store
        .getConversation(conversationId)
        .then((conversation) => {
          if (!conversation) return callback(refusal(550, 'No such recipient here'));
          if (conversation.status === 'closed')
            return callback(refusal(550, 'This conversation is closed; write to us on the site'));
          recipients.set(session, [...(recipients.get(session) ?? []), conversationId]);
          callback();
        })
        .catch(() => callback(refusal(451, 'Try again later')));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= MAX_BYTES) chunks.push(chunk);
      });
      stream.on('end', () => {
        if (size > MAX_BYTES) return callback(refusal(552, 'Message too large'));
        const raw = Buffer.concat(chunks);
        const conversationIds = recipients.get(session) ?? [];
        receive(relay, parsers, raw, conversationIds).then(
          () => callback(),
          (error: unknown) => {
            relay.logger.error({ err: error }, 'could not take an email reply');
            callback(refusal(451, 'Try again later'));
          },
        );
      });
    },
  });
  server.on('error', (error) => relay.logger.error({ err: error }, 'inbound SMTP error'));
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(deps.port, () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

type Parsers = Awaited<ReturnType<typeof loadParsers>>;

async function loadParsers() {
  const [{ simpleParser }, { default: EmailReplyParser }] = await Promise.all([
    import('mailparser'),
    import('email-reply-parser'),
  ]);
  return { simpleParser, EmailReplyParser };
}

/** Appends the visible text of one email to each conversation it was addressed to. */
async function receive(
  relay: Relay,
  { simpleParser, EmailReplyParser }: Parsers,
  raw: Buffer,
  conversationIds: string[],
): Promise<void> {
  const parsed = await simpleParser(raw);
  const visible = new EmailReplyParser()
    .read(parsed.text ?? '')
    .getVisibleText()
    .trim();
  if (!visible) return;
  const text = storableText(visible).slice(0, MAX_TEXT);
  // The same email delivered twice (a retry by the sending server) is stored once.
  const fingerprint = createHash('sha256')
    .update(parsed.messageId ?? raw)
    .digest('hex')
    .slice(0, 40);
  for (const conversationId of conversationIds) {
    const conversation = await relay.store.getConversation(conversationId);
    if (!conversation) continue;
    const visitor = await relay.store.getVisitor(conversation.visitorId);
    await relay.conversations.postMessage(
      {
        conversationId,
        clientId: `email-${fingerprint}`,
        author: 'visitor',
        agentId: null,
        authorName: visitor?.name ?? null,
        internal: false,
        text,
      },
      { requireOpen: true },
    );
  }
}
