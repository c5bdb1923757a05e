import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { startServer } from './harness';

/** Percent-encodings that do not decode to UTF-8: overlong, truncated, surrogate, not hex. */
const BAD = [
  '%c0%ae%c0%ae',
  '%c0',
  '%',
  '%zz',
  '%ed%a0%80',
  '%e0%80',
  '%ff',
  '..%c0%af..',
  '%%32%65',
];

/** Every prefix Express serves, static and API. */
const PREFIXES = [
  '/',
  '/console/',
  '/console/assets/',
  '/widget/assets/',
  '/widget.js',
  '/demo',
  '/healthz/',
  '/metrics/',
  '/api/',
  '/api/auth/',
  '/api/widget/sites/',
  '/api/conversations/',
  '/api/sites/',
  '/api/agents/',
];

/** A logger that keeps what it would print, to check that nothing reached error level. */
function capturingLogger() {
  const lines: { level: number; msg?: string }[] = [];
  const logger = pino(
    { level: 'trace' },
    { write: (line: string) => void lines.push(JSON.parse(line) as (typeof lines)[number]) },
  );
  return { logger, errors: () => lines.filter((line) => line.level >= 50) };
}

describe('malformed paths', () => {
  it('answers 400 VALIDATION_FAILED to every bad percent-encoding under every prefix, logging no error', async () => {
    const log = capturingLogger();
    await using server = await startServer({ logger: log.logger });
    const paths = PREFIXES.flatMap((prefix) => BAD.map((bad) => `${prefix}${bad}`));
    paths.push(
      '/api/conversations/%c0/transcript.txt',
      '/api/sites/%ed%a0%80/export.ndjson',
      '/console/%c0%ae%c0%ae/etc/passwd',
    );
    for (const path of paths) {
      for (const method of ['GET', 'POST']) {
        const response = await fetch(`${server.url}${path}`, {
          method,
          headers: { 'content-type': 'application/json' },
          body: method === 'POST' ? '{}' : undefined,
        });
        expect({ method, path, status: response.status }).toEqual({ method, path, status: 400 });
        expect(await response.json()).toEqual({
          error: { code: 'VALIDATION_FAILED', message: expect.any(String) },
        });
      }
    }
    expect(log.errors()).toEqual([]);
  });

  // Socket.IO matches on the /socket.io/ prefix and never decodes the rest: no error to map.
  it('answers a bad Socket.IO path without a 500', async () => {
    const log = capturingLogger();
    await using server = await startServer({ logger: log.logger });
    for (const bad of BAD) {
      const response = await fetch(`${server.url}/socket.io/${bad}?EIO=4&transport=polling`);
      expect(response.status).toBeLessThan(500);
    }
    expect(log.errors()).toEqual([]);
  });

  it('still serves well-encoded paths', async () => {
    await using server = await startServer();
    const response = await fetch(`${server.url}/api/widget/sites/%41nything`);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });
});
