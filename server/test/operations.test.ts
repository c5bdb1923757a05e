import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { connectAgent, connectVisitor, eventually, login, startServer } from './harness';

describe('operations', () => {
  it('answers /healthz', async () => {
    await using server = await startServer();
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('exports connections, messages, queue length and time to assignment to Prometheus', async () => {
    await using server = await startServer();
    await using visitor = await connectVisitor(server.url, { siteId: server.owner.siteId });
    await visitor.ok('visitor:hello', {});
    await visitor.ok('message:send', { clientId: randomUUID(), text: 'Ce mai faceți?' });
    const metrics = async () => (await fetch(`${server.url}/metrics`)).text();

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

  it('answers unknown routes with a JSON 404', async () => {
    await using server = await startServer();
    const response = await fetch(`${server.url}/api/nothing-here`);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });
});
