import { describe, expect, it } from 'vitest';
import { connectVisitor, relayModes, startServer } from './harness';

const many = (n: number, prefix = 'k') =>
  Object.fromEntries(Array.from({ length: n }, (_, i) => [`${prefix}${i}`, 'v']));

describe.each(relayModes())('visitor fields (%s)', (mode) => {
  it('refuses oversized pre-chat fields with VALIDATION_FAILED and stores none of them', async () => {
    await using server = await startServer({ mode });
    await using visitor = await connectVisitor(server.url, { siteId: server.owner.siteId });
    const session = await visitor.ok('visitor:hello', {});
    const visitorId = session.visitor.id;

    for (const fields of [many(31), { ['k'.repeat(101)]: 'v' }, { order: 'x'.repeat(1001) }]) {
      const reply = await visitor.request('visitor:identify', { name: 'Ana', fields });
      expect(reply).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    }
    const stored = await server.store.getVisitor(visitorId);
    expect(stored?.name).toBeNull();
    expect(stored?.fields).toEqual({});

    // Within the cap per payload, but not in all once merged with what is stored.
    await visitor.ok('visitor:identify', { fields: many(20, 'a') });
    const merged = await visitor.request('visitor:identify', { fields: many(20, 'b') });
    expect(merged).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(Object.keys((await server.store.getVisitor(visitorId))?.fields ?? {})).toHaveLength(20);
  });
});
