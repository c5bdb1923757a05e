import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('TRUST_PROXY', () => {
  it('trusts no forwarded header by default', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
  });

  it('takes true, false, a number of hops or a list of addresses and CIDRs', () => {
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, loopback' }).trustProxy).toEqual([
      '10.0.0.0/8',
      'loopback',
    ]);
  });

  it('stops the server on an address it cannot read, naming the variable', () => {
    expect(() => loadConfig({ TRUST_PROXY: 'proxy.example' })).toThrow(ConfigError);
    expect(() => loadConfig({ TRUST_PROXY: 'proxy.example' })).toThrow(/TRUST_PROXY/);
  });

  it('reads the follow-up settings, and names a bad one', () => {
    expect(loadConfig({})).toMatchObject({
      digestMinutes: 10,
      smtpInboundPort: undefined,
      smtpInboundDomain: undefined,
    });
    expect(
      loadConfig({
        PARLEY_DIGEST_MINUTES: '5',
        SMTP_INBOUND_PORT: '2525',
        SMTP_INBOUND_DOMAIN: 'reply.example.com',
      }),
    ).toMatchObject({
      digestMinutes: 5,
      smtpInboundPort: 2525,
      smtpInboundDomain: 'reply.example.com',
    });
    for (const [name, value] of [
      ['PARLEY_DIGEST_MINUTES', '0'],
      ['PARLEY_DIGEST_MINUTES', 'soon'],
      ['SMTP_INBOUND_PORT', '70000'],
      ['SMTP_INBOUND_DOMAIN', 'reply example.com'],
    ] as const) {
      expect(() => loadConfig({ [name]: value }), `${name}=${value}`).toThrow(new RegExp(name));
    }
  });
});

describe('rate limit settings', () => {
  it('keeps the defaults unless a limit is given as COUNT/SECONDS', () => {
    expect(loadConfig({}).limits).toEqual({});
    expect(
      loadConfig({
        PARLEY_REQUEST_LIMIT: '600/5',
        PARLEY_MESSAGE_LIMIT: '300/60',
        PARLEY_SIGN_IN_FAILURE_LIMIT: '100/900',
      }).limits,
    ).toEqual({
      socketRequests: { points: 600, durationSeconds: 5 },
      messagesPerVisitor: { points: 300, durationSeconds: 60 },
      signInFailuresPerAddress: { points: 100, durationSeconds: 900 },
    });
  });

  it('names a limit it cannot read', () => {
    for (const value of ['60', '60/0', '0/5', 'lots/5', '-1/5', '60/5s']) {
      expect(() => loadConfig({ PARLEY_REQUEST_LIMIT: value }), value).toThrow(
        /PARLEY_REQUEST_LIMIT/,
      );
    }
  });
});
