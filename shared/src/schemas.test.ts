import { describe, expect, it } from 'vitest';
import { visitorHelloSchema, visitorMessageSendSchema } from './schemas';

describe('visitor schemas', () => {
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
