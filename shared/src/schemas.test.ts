import { describe, expect, it } from 'vitest';
import {
  cannedReplyCreateSchema,
  cannedReplyUpdateSchema,
  conversationQuerySchema,
  offlineLeaveSchema,
  visitorHelloSchema,
  visitorIdentifySchema,
  visitorMessageSendSchema,
  widgetSettingsSchema,
} from './schemas';

describe('site settings', () => {
  it('accept "auto" (the browser’s language) as the default locale, and every locale saved before', () => {
    const locale = widgetSettingsSchema.shape.defaultLocale;
    for (const value of ['auto', 'en', 'vi', 'ro', 'tl', 'pl']) {
      expect(locale.safeParse(value).success, value).toBe(true);
    }
    expect(locale.safeParse('de').success).toBe(false);
  });
});

describe('visitor schemas', () => {
  it('caps pre-chat fields at 30 keys, 100-character keys and 1,000-character values', () => {
    const many = (n: number) =>
      Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, 'v']));
    expect(visitorIdentifySchema.safeParse({ fields: many(30) }).success).toBe(true);
    expect(visitorIdentifySchema.safeParse({ fields: many(31) }).success).toBe(false);
    expect(visitorIdentifySchema.safeParse({ fields: { ['k'.repeat(101)]: 'v' } }).success).toBe(
      false,
    );
    expect(visitorIdentifySchema.safeParse({ fields: { k: 'v'.repeat(1001) } }).success).toBe(
      false,
    );
  });

  it('lets identify carry the language the visitor switched to, and nothing unbounded', () => {
    expect(visitorIdentifySchema.parse({ locale: 'pl' })).toEqual({ locale: 'pl' });
    expect(visitorIdentifySchema.safeParse({ locale: 'x'.repeat(36) }).success).toBe(false);
  });

  it('keeps a known time zone and drops one the server does not know, instead of refusing the hello', () => {
    expect(visitorHelloSchema.parse({ timeZone: 'Europe/Warsaw' }).timeZone).toBe('Europe/Warsaw');
    expect(visitorHelloSchema.parse({ timeZone: 'Mars/Olympus_Mons' }).timeZone).toBeUndefined();
  });

  it('refuses an empty or whitespace-only message but keeps a message text exactly as typed', () => {
    expect(visitorMessageSendSchema.safeParse({ clientId: 'c', text: '  ' }).success).toBe(false);
    expect(visitorMessageSendSchema.parse({ clientId: 'c', text: '  Dzień dobry\n\n' }).text).toBe(
      '  Dzień dobry\n\n',
    );
  });
});

// Built from code units: a transform of this file could otherwise turn the escapes into U+FFFD.
const HIGH = String.fromCharCode(0xd800);
const LOW = String.fromCharCode(0xdc00);
const NUL = String.fromCharCode(0);

describe('text no store can hold', () => {
  it('replaces NUL and lone surrogates with U+FFFD in messages, names and search, keeping valid pairs', () => {
    const sent = visitorMessageSendSchema.parse({
      clientId: `c${NUL}`,
      text: `Zamówienie${NUL} nr ${HIGH} i ${LOW} 🙂 gotowe${HIGH}`,
    });
    expect(sent.text).toBe('Zamówienie\ufffd nr \ufffd i \ufffd 🙂 gotowe\ufffd');
    expect(sent.clientId).toBe('c\ufffd');
    expect(offlineLeaveSchema.parse({ name: `Ana${NUL}`, email: 'a@b.ro', text: 'x' }).name).toBe(
      'Ana\ufffd',
    );
    expect(conversationQuerySchema.parse({ q: NUL }).q).toBe('\ufffd');
  });

  it('keeps a message of a lone NUL as one U+FFFD, not as an empty message', () => {
    expect(visitorMessageSendSchema.parse({ clientId: 'c', text: NUL }).text).toBe('\ufffd');
  });
});

describe('canned reply schemas', () => {
  const ids = (n: number) => Array.from({ length: n }, (_, i) => `file-${i}`);

  it('take up to 10 different files with the text, and a new set of files on its own when editing', () => {
    const reply = { shortcut: 'invoice', text: 'Here is the invoice.' };
    expect(
      cannedReplyCreateSchema.parse({ ...reply, attachmentIds: ids(10) }).attachmentIds,
    ).toEqual(ids(10));
    expect(cannedReplyCreateSchema.safeParse({ ...reply, attachmentIds: ids(11) }).success).toBe(
      false,
    );
    expect(cannedReplyCreateSchema.safeParse({ ...reply, attachmentIds: ['a', 'a'] }).success).toBe(
      false,
    );
    expect(cannedReplyUpdateSchema.parse({ attachmentIds: [] })).toEqual({ attachmentIds: [] });
    expect(cannedReplyUpdateSchema.safeParse({}).success).toBe(false);
    expect(cannedReplyUpdateSchema.safeParse({ attachmentIds: ['x'.repeat(65)] }).success).toBe(
      false,
    );
  });
});
