/**
 * Emails to visitors as multipart text + HTML, in the visitor's language, with the site's name and
 * colour. Every piece of text in the HTML is escaped: what a visitor or agent typed stays text.
 * Files sent with a message follow it as links on the relay's public address.
 */
import type { Attachment, Message, Site, Visitor } from '@parley/shared';
import { absoluteFileUrl, attachmentDetails, attachmentLines } from '../files/attachment-lines';
import type { OutboxContent } from '../storage/store';
import { visitorLocale, visitorMailText } from './visitor-mail-text';

/** Escapes text for HTML element content and double-quoted attributes. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** Only a plain #rgb / #rrggbb colour reaches the HTML's style attribute. */
function safeColour(colour: string): string {
  return /^#[0-9a-f]{3}([0-9a-f]{3})?$/i.test(colour) ? colour : '#4f46e5';
}

/** Only http(s) links are offered, so a stored page URL cannot become a script link. */
function safeLink(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
}

function paragraphs(text: string): string {
  return text
    .split(/\n{2,}/)
    .map((block) => `<p style="margin:0 0 12px">${escapeHtml(block).replaceAll('\n', '<br>')}</p>`)
    .join('');
}

/** A message's text (when it has any) and its files, as HTML. */
function messageHtml(message: Message, publicUrl: string): string {
  return (message.text ? paragraphs(message.text) : '') + filesHtml(message.attachments, publicUrl);
}

/** One paragraph per file: its name as the link (escaped like any text), then type and size. */
function filesHtml(attachments: Attachment[] | undefined, publicUrl: string): string {
  return (attachments ?? [])
    .map(
      (file) =>
        `<p style="margin:0 0 12px"><a href="${escapeHtml(absoluteFileUrl(publicUrl, file))}">${escapeHtml(file.name)}</a> <span style="color:#5b6472">(${escapeHtml(attachmentDetails(file))})</span></p>`,
    )
    .join('');
}

/** A message's text (when it has any) and a line per file, for the plain-text part. */
function messageText(message: Message, publicUrl: string, label: string): string[] {
  const files = attachmentLines(publicUrl, message.attachments, label);
  return [...(message.text || files.length === 0 ? [message.text] : []), ...files];
}

function layout(site: Site, body: string, footer: string): string {
  const colour = safeColour(site.widget.color);
  return [
    '<!doctype html><html><body style="margin:0;padding:24px;background:#f4f5f7;font-family:system-ui,sans-serif;color:#111827">',
    '<div style="max-width:560px;margin:0 auto;background:#fff;border-radius:12px;overflow:hidden">',
    `<div style="background:${colour};color:#fff;padding:16px 20px;font-weight:600">${escapeHtml(site.name)}</div>`,
    `<div style="padding:20px">${body}</div>`,
    `<div style="padding:12px 20px;color:#5b6472;font-size:12px">${escapeHtml(footer)}</div>`,
    '</div></body></html>',
  ].join('');
}

/** An agent's reply to a message the visitor left, for the visitor's inbox. */
export function replyMail(args: {
  site: Site;
  visitor: Visitor & { email: string };
  message: Message;
  /** The conversation's reply address, when the relay receives email replies. */
  replyTo?: string | null;
  /** The relay's address, for links to the files sent. */
  publicUrl: string;
}): OutboxContent {
  const { site, visitor, message, replyTo, publicUrl } = args;
  const t = visitorMailText(visitorLocale(visitor.locale, site.widget.defaultLocale));
  const agent = message.authorName ?? site.name;
  const link = safeLink(visitor.page?.url);
  const text = [
    t.replyIntro(agent),
    '',
    ...messageText(message, publicUrl, t.file),
    '',
    '—',
    t.replyContinue(site.name),
    ...(link ? [link] : []),
    ...(replyTo ? ['', t.replyByEmail] : []),
    '',
    t.footer(site.name),
    '',
  ].join('\n');
  const button = link
    ? `<p style="margin:16px 0 0"><a href="${escapeHtml(link)}" style="display:inline-block;padding:10px 16px;border-radius:8px;background:${safeColour(site.widget.color)};color:#fff;text-decoration:none">${escapeHtml(t.openChat)}</a></p>`
    : '';
  const html = layout(
    site,
    `<p style="margin:0 0 12px;font-weight:600">${escapeHtml(t.replyIntro(agent))}</p>` +
      `<div style="border-left:3px solid #e5e7eb;padding-left:12px">${messageHtml(message, publicUrl)}</div>` +
      `<p style="margin:16px 0 0;color:#4b5563">${escapeHtml(t.replyContinue(site.name))}</p>` +
      button +
      (replyTo ? `<p style="margin:16px 0 0;color:#4b5563">${escapeHtml(t.replyByEmail)}</p>` : ''),
    t.footer(site.name),
  );
  return {
    to: [visitor.email],
    subject: t.replySubject(site.name),
    text,
    html,
    ...(replyTo ? { replyTo } : {}),
  };
}

/** A conversation as the visitor saw it (no internal notes), for the visitor's own records. */
export function transcriptMail(args: {
  site: Site;
  visitor: Visitor & { email: string };
  messages: Message[];
  /** The relay's address, for links to the files sent. */
  publicUrl: string;
}): OutboxContent {
  const { site, visitor, publicUrl } = args;
  const locale = visitorLocale(visitor.locale, site.widget.defaultLocale);
  const t = visitorMailText(locale);
  const messages = args.messages.filter((message) => !message.internal);
  const when = timeFormat(locale, visitor.timeZone);
  const label = (message: Message) =>
    message.author === 'visitor'
      ? t.you
      : message.author === 'agent'
        ? (message.authorName ?? site.name)
        : site.name;
  const text = [
    t.transcriptIntro(site.name),
    '',
    ...messages.flatMap((message) => [
      `${label(message)} (${when(message.createdAt)}):`,
      ...messageText(message, publicUrl, t.file),
      '',
    ]),
    '—',
    t.footer(site.name),
    '',
  ].join('\n');
  const rows = messages
    .map(
      (message) =>
        `<div style="margin:0 0 14px"><div style="font-size:12px;color:#5b6472">${escapeHtml(label(message))} · ${escapeHtml(when(message.createdAt))}</div>${messageHtml(message, publicUrl)}</div>`,
    )
    .join('');
  const html = layout(
    site,
    `<p style="margin:0 0 16px;font-weight:600">${escapeHtml(t.transcriptIntro(site.name))}</p>${rows}`,
    t.footer(site.name),
  );
  return { to: [visitor.email], subject: t.transcriptSubject(site.name), text, html };
}

/** "3 Dec 2026, 14:05" in the visitor's language and time zone (UTC when unknown or invalid). */
function timeFormat(locale: string, timeZone: string | null): (iso: string) => string {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat(locale, {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: timeZone ?? 'UTC',
    });
  } catch {
    format = new Intl.DateTimeFormat(locale, {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: 'UTC',
    });
  }
  return (iso) => format.format(new Date(iso));
}
