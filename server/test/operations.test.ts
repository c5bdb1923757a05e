import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { connectAgent, connectVisitor, eventually, login, startServer } from './harness';

const METRICS_TOKEN = 'scrape-me-3f9a1c7e2b';

describe('operations', () => {
  it('answers /healthz', async () => {
    await using server = await startServer();
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('exports connections, messages, queue length and time to assignment to Prometheus', async () => {
    await using server = await startServer({ metricsToken: METRICS_TOKEN });
    await using visitor = await connectVisitor(server.url, { siteId: server.owner.siteId });
    await visitor.ok('visitor:hello', {});
    await visitor.ok('message:send', { clientId: randomUUID(), text: 'Ce mai faceți?' });
    const metrics = async () =>
      (
        await fetch(`${server.url}/metrics`, {
          headers: { authorization: `Bearer ${METRICS_TOKEN}` },
        })
      ).text();

    let text = await metrics();
    expect(text).toMatch(/parley_connections\{namespace="visitor"\} 1/);
    expect(text).toMatch(/parley_messages_total\{author="visitor"\} 1/);
    expect(text).toContain(`parley_queue_length{site="${server.owner.siteId}"} 1`);

    const owner = await login(server.url, server.owner.ownerEmail, server.owner.ownerPassword);
    await using agent = await connectAgent(server.url, owner.token);
    await agent.ok('agent:hello', {});
    await eventually(async () => {
      text = await metrics();
      expect(text).toContain(`parley_queue_length{site="${server.owner.siteId}"} 0`);
      expect(text).toMatch(/parley_time_to_assignment_seconds_count\{how="auto"\} 1/);
      expect(text).toMatch(/parley_connections\{namespace="agent"\} 1/);
    });
  });

  it('refuses /metrics to everyone when METRICS_TOKEN is not set', async () => {
    await using server = await startServer();
    const response = await fetch(`${server.url}/metrics`, {
      headers: { authorization: 'Bearer anything-at-all-1234' },
    });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: { code: 'FORBIDDEN' } });
  });

  it('serves /metrics only with the METRICS_TOKEN bearer token', async () => {
    await using server = await startServer({ metricsToken: METRICS_TOKEN });
    const scrape = (authorization?: string) =>
      fetch(`${server.url}/metrics`, { headers: authorization ? { authorization } : {} });

    const anonymous = await scrape();
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(await anonymous.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
    expect((await scrape(`Bearer ${METRICS_TOKEN}x`)).status).toBe(401);
    expect((await scrape(`Basic ${METRICS_TOKEN}`)).status).toBe(401);

    const scraped = await scrape(`Bearer ${METRICS_TOKEN}`);
    expect(scraped.status).toBe(200);
    expect(await scraped.text()).toContain('parley_connections');
  });

  it('answers unknown routes with a JSON 404', async () => {
    await using server = await startServer();
    const response = await fetch(`${server.url}/api/nothing-here`);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });
});
