import { describe, expect, it } from 'vitest';
import { connectVisitor, relayModes, startServer } from './harness';

describe.each(relayModes())('the visitor’s language (%s)', (mode) => {
  it('is recorded from hello, and again when the visitor switches language mid-chat', async () => {
    await using server = await startServer({ mode });
    await using visitor = await connectVisitor(server.url, { siteId: server.owner.siteId });
    const session = await visitor.ok('visitor:hello', { locale: 'pl' });
    expect((await server.store.getVisitor(session.visitor.id))?.locale).toBe('pl');

    await visitor.ok('visitor:identify', { locale: 'vi' });
    const stored = await server.store.getVisitor(session.visitor.id);
    expect(stored?.locale).toBe('vi');
    expect(stored?.name).toBeNull();
  });
});
