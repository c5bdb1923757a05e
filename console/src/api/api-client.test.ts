import { describe, expect, test, vi } from 'vitest';
import { createApiClient } from './api-client';
import { RequestError } from './request-error';

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}

describe('createApiClient', () => {
  test('sends the session token and the query of a conversation search', async () => {
    const fetch = vi.fn(async () => jsonResponse(200, { items: [], total: 0 }));
    const api = createApiClient({ fetch, token: () => 'tok' });
    await api.listConversations({ q: 'refund', limit: 50, offset: 0, status: undefined });
    expect(fetch).toHaveBeenCalledWith('/api/conversations?q=refund&limit=50&offset=0', {
      method: 'GET',
      headers: { Accept: 'application/json', Authorization: 'Bearer tok' },
    });
  });

  test('an error answer becomes a RequestError with the relay code and message', async () => {
    const fetch = vi.fn(async () =>
      jsonResponse(409, { error: { code: 'EMAIL_TAKEN', message: 'taken' } }),
    );
    const api = createApiClient({ fetch, token: () => null });
    await expect(
      api.createAgent({ email: 'a@b.c', name: 'A', password: 'x'.repeat(8) }),
    ).rejects.toEqual(new RequestError('EMAIL_TAKEN', 'taken'));
  });

  test('a rejected token ends the session', async () => {
    const onUnauthenticated = vi.fn();
    const fetch = vi.fn(async () =>
      jsonResponse(401, { error: { code: 'UNAUTHENTICATED', message: 'Sign in again' } }),
    );
    const api = createApiClient({ fetch, token: () => 'old', onUnauthenticated });
    await expect(api.counts()).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(onUnauthenticated).toHaveBeenCalledOnce();
  });

  test('an unreachable relay is reported as a network problem', async () => {
    const fetch = vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    });
    const api = createApiClient({ fetch, token: () => null });
    await expect(api.me()).rejects.toMatchObject({ code: 'NETWORK' });
  });

  test('an answer the console cannot read is reported, not swallowed', async () => {
    const fetch = vi.fn(async () => new Response('<html>Bad gateway</html>', { status: 502 }));
    const api = createApiClient({ fetch, token: () => null });
    await expect(api.listSites()).rejects.toMatchObject({ code: 'INTERNAL' });
  });

  test('a transcript is fetched as a file with the session token', async () => {
    const fetch = vi.fn(
      async () =>
        new Response('[2026] Visitor Linh:\nHi', { headers: { 'Content-Type': 'text/plain' } }),
    );
    const api = createApiClient({ fetch, token: () => 'tok' });
    const file = await api.transcriptText('c 1');
    expect(await file.text()).toBe('[2026] Visitor Linh:\nHi');
    expect(fetch).toHaveBeenCalledWith('/api/conversations/c%201/transcript.txt', {
      method: 'GET',
      headers: { Accept: 'text/plain', Authorization: 'Bearer tok' },
    });
  });

  test('a site export the relay refuses rejects with the relay code', async () => {
    const fetch = vi.fn(async () =>
      jsonResponse(403, { error: { code: 'FORBIDDEN', message: 'not yours' } }),
    );
    const api = createApiClient({ fetch, token: () => 'tok' });
    await expect(api.exportSite('s1')).rejects.toEqual(new RequestError('FORBIDDEN', 'not yours'));
    expect(fetch).toHaveBeenCalledWith('/api/sites/s1/export.ndjson', {
      method: 'GET',
      headers: { Accept: 'application/x-ndjson', Authorization: 'Bearer tok' },
    });
  });

  test('a report and its CSV tables are fetched with the session token and the filters', async () => {
    const fetch = vi.fn(async (url: RequestInfo | URL) =>
      String(url).includes('.csv')
        ? new Response('date,conversations\n2026-03-01,4\n', {
            headers: { 'Content-Type': 'text/csv' },
          })
        : jsonResponse(200, { totals: {} }),
    );
    const api = createApiClient({ fetch, token: () => 'tok' });
    await api.report({ siteIds: 'a,b', period: '7d', timeZone: 'Europe/Bucharest' });
    expect(fetch).toHaveBeenLastCalledWith(
      '/api/reports?siteIds=a%2Cb&period=7d&timeZone=Europe%2FBucharest',
      { method: 'GET', headers: { Accept: 'application/json', Authorization: 'Bearer tok' } },
    );
    const file = await api.reportCsv({ period: 'today', businessHours: 'true', table: 'agents' });
    expect(await file.text()).toBe('date,conversations\n2026-03-01,4\n');
    expect(fetch).toHaveBeenLastCalledWith(
      '/api/reports.csv?period=today&businessHours=true&table=agents',
      { method: 'GET', headers: { Accept: 'text/csv', Authorization: 'Bearer tok' } },
    );
  });
});
