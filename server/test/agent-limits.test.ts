import { describe, expect, it } from 'vitest';
import { connectAgent, login, startServer } from './harness';

describe('limits on agents’ consoles', () => {
  it('counts requests per agent over all their consoles, and says when to retry', async () => {
    await using server = await startServer({
      limits: { socketRequests: { points: 4, durationSeconds: 60 } },
    });
    const { token } = await login(server.url, server.owner.ownerEmail, server.owner.ownerPassword);
    await using first = await connectAgent(server.url, token);
    await using second = await connectAgent(server.url, token);
    // Two consoles of one agent share one allowance: a second tab buys nothing.
    await first.ok('agent:hello', {});
    await second.ok('agent:hello', {});
    await first.ok('agent:hello', {});
    await second.ok('agent:hello', {});
    const refused = await first.request('agent:hello', {});
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'RATE_LIMITED', retryAfterMs: expect.any(Number) },
    });
    expect(await second.request('agent:hello', {})).toMatchObject({ ok: false });
  });

  it('limits console handshakes by address, with a retry time', async () => {
    await using server = await startServer({
      limits: { connectionsPerAddress: { points: 2, durationSeconds: 60 } },
    });
    const { token } = await login(server.url, server.owner.ownerEmail, server.owner.ownerPassword);
    await using one = await connectAgent(server.url, token);
    // A handshake with a bad token counts too: guessing from one address is cut off.
    await expect(connectAgent(server.url, 'not a token')).rejects.toMatchObject({
      data: { code: 'UNAUTHENTICATED' },
    });
    await expect(connectAgent(server.url, token)).rejects.toMatchObject({
      data: { code: 'RATE_LIMITED', retryAfterMs: expect.any(Number) },
    });
    expect(one.socket.connected).toBe(true);
  });
});
