import { describe, expect, it } from 'vitest';
import type { AuditLog, CannedReply, CannedReplyList } from '@parley/shared';
import { api, createAgent, login, relayModes, startServer } from './harness';

describe.each(relayModes())('editing canned replies (%s)', (mode) => {
  it('an owner changes a reply’s text and shortcut in place; bad edits are refused and change nothing', async () => {
    await using server = await startServer({ mode });
    const owner = await login(server.url, server.owner.ownerEmail, server.owner.ownerPassword);
    const base = `/api/sites/${server.owner.siteId}/canned-replies`;
    const created = await api<CannedReply>(server.url, owner.token, 'POST', base, {
      shortcut: 'shipping',
      text: 'We ship within 2 working days.',
    });
    const other = await api<CannedReply>(server.url, owner.token, 'POST', base, {
      shortcut: 'thanks',
      text: 'Thank you!',
    });
    const id = created.body.id;
    const list = async () =>
      (await api<CannedReplyList>(server.url, owner.token, 'GET', base)).body.items;
    const before = await list();

    const edited = await api<CannedReply>(server.url, owner.token, 'PATCH', `${base}/${id}`, {
      text: 'Wysyłamy w ciągu 1 dnia roboczego.',
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toEqual({ ...created.body, text: 'Wysyłamy w ciągu 1 dnia roboczego.' });
    const renamed = await api<CannedReply>(server.url, owner.token, 'PATCH', `${base}/${id}`, {
      shortcut: 'delivery',
    });
    expect(renamed.body).toMatchObject({ id, shortcut: 'delivery' });
    const now = await list();
    expect(now.map((reply) => reply.shortcut).sort()).toEqual(['delivery', 'thanks']);

    // Each refusal is typed and leaves the replies as they were.
    const refusals: [string, unknown, number, string][] = [
      [`${base}/${id}`, { shortcut: 'thanks' }, 409, 'CONFLICT'],
      [`${base}/${id}`, {}, 400, 'VALIDATION_FAILED'],
      [`${base}/${id}`, { shortcut: 'Not Valid' }, 400, 'VALIDATION_FAILED'],
      [`${base}/${id}`, { text: '   ' }, 400, 'VALIDATION_FAILED'],
      [`${base}/${id}`, { text: 'x', siteId: 'elsewhere' }, 400, 'VALIDATION_FAILED'],
      [`${base}/no-such-reply`, { text: 'x' }, 404, 'NOT_FOUND'],
    ];
    for (const [path, body, status, code] of refusals) {
      const reply = await api<{ error: { code: string } }>(
        server.url,
        owner.token,
        'PATCH',
        path,
        body,
      );
      expect([reply.status, reply.body.error.code], JSON.stringify(body)).toEqual([status, code]);
    }
    const agent = await createAgent(server, owner.token, 'Mai');
    const forbidden = await api(server.url, agent.token, 'PATCH', `${base}/${id}`, { text: 'x' });
    expect(forbidden.status).toBe(403);
    expect(await list()).toEqual(now);
    expect(before.find((reply) => reply.id === other.body.id)).toEqual(other.body);

    const log = await api<AuditLog>(server.url, owner.token, 'GET', '/api/audit');
    const edits = log.body.items.filter(
      (entry) => entry.action === 'canned-reply.saved' && entry.target.id === id,
    );
    expect(edits.map((entry) => entry.changes)).toEqual([
      ['shortcut: /shipping → /delivery'],
      ['text'],
      [],
    ]);
  });
});
