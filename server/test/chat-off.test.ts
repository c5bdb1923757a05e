import { describe, expect, it } from 'vitest';
import { api, connectVisitor, login, relayModes, startServer } from './harness';

describe.each(relayModes())('an owner turns a site’s chat off (%s)', (mode) => {
  it('takes the chat off its pages and keeps its conversations; on again, it is back', async () => {
    await using server = await startServer({ mode });
    const { siteId } = server.owner;
    const { token } = await login(server.url, server.owner.ownerEmail, server.owner.ownerPassword);
    {
      await using visitor = await connectVisitor(server.url, { siteId });
      await visitor.ok('visitor:hello', {});
      await visitor.ok('message:send', {
        clientId: 'c-1',
        text: 'Czy macie ten namiot w zieleni?',
      });
    }
    const off = await api(server.url, token, 'PATCH', `/api/sites/${siteId}`, {
      widget: { enabled: false },
    });
    expect(off.status).toBe(200);

    const config = await fetch(`${server.url}/api/widget/sites/${siteId}`);
    expect(config.status).toBe(404);
    expect(((await config.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
    await expect(connectVisitor(server.url, { siteId })).rejects.toThrow(/turned off/);
    // The conversation is still there for the agents.
    const list = await api<{ total: number }>(server.url, token, 'GET', '/api/conversations');
    expect(list.body.total).toBe(1);

    await api(server.url, token, 'PATCH', `/api/sites/${siteId}`, { widget: { enabled: true } });
    expect((await fetch(`${server.url}/api/widget/sites/${siteId}`)).status).toBe(200);
    await using back = await connectVisitor(server.url, { siteId });
    await back.ok('visitor:hello', {});
  });
});
