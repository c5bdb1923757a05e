import { randomUUID } from 'node:crypto';
import nodemailer from 'nodemailer';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import type { Message } from '@parley/shared';
import { connectAgent, eventually, login, startServer, type TestServer } from './harness';
import { leaveAndGo } from './offline-visitor';
import { startSmtpSink } from './smtp-sink';

/** A mail client sending to the relay's own SMTP receiver, as the visitor's mail server would. */
function mailTo(server: TestServer) {
  const port = server.app?.mail.inboundPort() ?? null;
  if (port === null) throw new Error('the relay receives no email');
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port,
    secure: false,
    ignoreTLS: true,
  });
  return (mail: { to: string; text: string; messageId?: string }) =>
    transport.sendMail({ from: 'Ania Nowak <ania@example.pl>', subject: 'Re: odpowiedź', ...mail });
}

/** The visitor left a message, the owner answered it by email: the reply address it carried. */
async function answeredByEmail(
  server: TestServer,
  smtp: Awaited<ReturnType<typeof startSmtpSink>>,
) {
  const { conversationId } = await leaveAndGo(server, 'Czy mogę zwrócić buty po 20 dniach?');
  const owner = await login(server.url, server.owner.ownerEmail, server.owner.ownerPassword);
  const console = await connectAgent(server.agentUrl, owner.token);
  await console.ok('agent:hello', {});
  await console.ok('message:send', {
    conversationId,
    clientId: randomUUID(),
    text: 'Tak, do 30 dni od zakupu.',
  });
  await eventually(() =>
    expect(smtp.mails.some((m) => m.to.includes('ania@example.pl'))).toBe(true),
  );
  const reply = await simpleParser(smtp.mails.find((m) => m.to.includes('ania@example.pl'))!.raw);
  const replyTo = reply.replyTo?.value[0]?.address ?? '';
  return { conversationId, console, replyTo, text: reply.text ?? '' };
}

describe('visitors answer by email', () => {
  it('a reply to our email lands in the conversation, live in the console, without the quoted history', async () => {
    await using smtp = await startSmtpSink();
    await using server = await startServer({ smtpUrl: smtp.url, smtpInboundPort: 0 });
    const { conversationId, console, replyTo, text } = await answeredByEmail(server, smtp);
    await using _console = console;
    expect(replyTo).toMatch(new RegExp(`^reply\\+${conversationId}\\.[0-9a-f]{20}@localhost$`));
    expect(text).toContain('Możesz też po prostu odpowiedzieć na ten e-mail.');

    const arrived = console.next<{ message: Message }>(
      'message:created',
      ({ message }) => message.author === 'visitor' && message.conversationId === conversationId,
    );
    const send = mailTo(server);
    const messageId = `<${randomUUID()}@example.pl>`;
    const body = [
      'Dziękuję, to bardzo pomogło!',
      '',
      'W dniu 3 grudnia 2026 Sklep <no-reply@parley.local> napisał:',
      '> Tak, do 30 dni od zakupu.',
      '',
      '-- ',
      'Ania Nowak',
      'tel. 600 000 000',
    ].join('\n');
    await send({ to: replyTo, text: body, messageId });
    const { message } = await arrived;
    expect(message).toMatchObject({ author: 'visitor', authorName: 'Ania Nowak' });
    expect(message.text).toBe('Dziękuję, to bardzo pomogło!');

    // The same email delivered again (the sender's retry) is stored once.
    await send({ to: replyTo, text: body, messageId });
    const stored = await server.store.listMessages(conversationId);
    expect(stored.filter((m) => m.text === 'Dziękuję, to bardzo pomogło!')).toHaveLength(1);
  });

  it('refuses forged and foreign addresses and oversized mail, and stores nothing: no open relay', async () => {
    await using smtp = await startSmtpSink();
    await using server = await startServer({ smtpUrl: smtp.url, smtpInboundPort: 0 });
    const { conversationId, console, replyTo } = await answeredByEmail(server, smtp);
    await using _console = console;
    const before = await server.store.listMessages(conversationId);
    const send = mailTo(server);
    const forged = replyTo.replace(/\.[0-9a-f]{20}@/, '.0123456789abcdef0123@');
    const otherConversation = replyTo.replace(conversationId, randomUUID());
    for (const to of [
      forged,
      otherConversation,
      `reply+${conversationId}@localhost`,
      replyTo.replace('@localhost', '@example.com'),
      'someone@example.com',
      'owner@example.com',
    ]) {
      await expect(send({ to, text: 'Przejęta rozmowa' }), to).rejects.toMatchObject({
        responseCode: 550,
      });
    }
    // An email far larger than a reply is refused, and nothing of it is stored.
    await expect(send({ to: replyTo, text: 'x'.repeat(1_100_000) })).rejects.toMatchObject({
      responseCode: 552,
    });
    expect(await server.store.listMessages(conversationId)).toEqual(before);
    // Nothing was passed on to any other mail server either.
    expect(smtp.mails.filter((m) => m.raw.includes('Przejęta rozmowa'))).toEqual([]);
  });

  it('without SMTP_INBOUND_PORT nothing listens and emails carry no reply address', async () => {
    await using smtp = await startSmtpSink();
    await using server = await startServer({ smtpUrl: smtp.url });
    expect(server.app?.mail.inboundPort()).toBeNull();
    const { console, replyTo, text } = await answeredByEmail(server, smtp);
    await using _console = console;
    expect(replyTo).toBe('');
    expect(text).not.toContain('odpowiedzieć na ten e-mail');
  });
});
