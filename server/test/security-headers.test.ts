import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { connectVisitor, login, startServer, type TestServer } from './harness';

const REPO = fileURLToPath(new URL('../../', import.meta.url));

/** The console and widget routes serve the built files; build them on a fresh clone. */
beforeAll(() => {
  if (existsSync(`${REPO}console/dist/index.html`) && existsSync(`${REPO}widget/dist/widget.js`))
    return;
  execFileSync('pnpm', ['--filter', '@parley/console', '--filter', '@parley/widget', 'build'], {
    cwd: REPO,
    stdio: 'inherit',
  });
}, 120_000);

/** Parses a Content-Security-Policy into its directives. */
function directives(header: string | null): Map<string, string[]> {
  const parsed = new Map<string, string[]>();
  for (const directive of (header ?? '').split(';')) {
    const [name, ...sources] = directive.trim().split(/\s+/);
    if (name) parsed.set(name, sources);
  }
  return parsed;
}

function expectStrictScripts(csp: Map<string, string[]>): void {
  const scripts = csp.get('script-src') ?? csp.get('default-src') ?? [];
  expect(scripts.length).toBeGreaterThan(0);
  expect(scripts).not.toContain("'unsafe-inline'");
  expect(scripts).not.toContain("'unsafe-eval'");
  expect(scripts).not.toContain('*');
  expect(csp.get('object-src')).toEqual(["'none'"]);
  expect(csp.get('base-uri')).toEqual(["'none'"]);
}

function expectBaseline(response: Response): void {
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  expect(response.headers.get('referrer-policy')).toBe('no-referrer');
  expect(response.headers.get('x-powered-by')).toBeNull();
}

async function conversationOf(server: TestServer) {
  await using visitor = await connectVisitor(server.url, { siteId: server.owner.siteId });
  await visitor.ok('visitor:hello', {});
  const sent = await visitor.ok('message:send', { clientId: randomUUID(), text: 'Xin chào' });
  const owner = await login(server.url, server.owner.ownerEmail, server.owner.ownerPassword);
  return { conversationId: sent.conversation.id, token: owner.token };
}

describe('security headers', () => {
  it('the console sends a strict CSP that forbids framing and inline scripts', async () => {
    await using server = await startServer();
    for (const path of ['/console', '/console/conversations/abc']) {
      const response = await fetch(`${server.url}${path}`);
      expect(response.status).toBe(200);
      expectBaseline(response);
      const csp = directives(response.headers.get('content-security-policy'));
      expectStrictScripts(csp);
      expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
      expect(csp.get('connect-src')).toContain("'self'");
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('cross-origin-resource-policy')).toBe('same-origin');
    }
  });

  it('the demo page gives its inline style and the widget tag the nonce its CSP names', async () => {
    await using server = await startServer();
    const first = await fetch(`${server.url}/demo`);
    expect(first.status).toBe(200);
    expectBaseline(first);
    const csp = directives(first.headers.get('content-security-policy'));
    expectStrictScripts(csp);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    const nonce = /'nonce-([^']+)'/.exec(csp.get('script-src')!.join(' '))?.[1];
    expect(nonce).toBeTruthy();
    expect(csp.get('style-src')).toEqual([`'nonce-${nonce}'`]);
    const html = await first.text();
    expect(html).toContain(`<style nonce="${nonce}">`);
    // A base64 nonce may hold `+` and `/`, which mean something in a pattern.
    const quoted = nonce!.replace(/[+/]/g, '\\$&');
    expect(html).toMatch(new RegExp(`<script nonce="${quoted}" src="[^"]+/widget\\.js"`));
    expect(html.match(/<script\b/g)).toHaveLength(1);
    expect(first.headers.get('cache-control')).toBe('no-store');

    const second = await fetch(`${server.url}/demo`);
    expect(second.headers.get('content-security-policy')).not.toContain(`'nonce-${nonce}'`);
  });

  it('the widget files stay loadable from any site: CORP cross-origin, CORS open', async () => {
    await using server = await startServer();
    const loader = await fetch(`${server.url}/widget.js`, {
      headers: { origin: 'https://shop.example' },
    });
    expect(loader.status).toBe(200);
    expectBaseline(loader);
    expect(loader.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(loader.headers.get('access-control-allow-origin')).toBe('*');

    const chunk = /assets\/[\w.-]+\.js/.exec(await loader.text())?.[0];
    expect(chunk).toBeTruthy();
    const asset = await fetch(`${server.url}/widget/${chunk}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(asset.headers.get('access-control-allow-origin')).toBe('*');
    expect(asset.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it("the widget's API and Socket.IO polling keep answering other origins", async () => {
    await using server = await startServer();
    const origin = 'https://shop.example';
    const config = await fetch(`${server.url}/api/widget/sites/${server.owner.siteId}`, {
      headers: { origin },
    });
    expect(config.headers.get('access-control-allow-origin')).toMatch(
      /^(\*|https:\/\/shop\.example)$/,
    );
    expect(config.headers.get('x-content-type-options')).toBe('nosniff');

    const polling = await fetch(`${server.url}/socket.io/?EIO=4&transport=polling`, {
      headers: { origin },
    });
    expect(polling.status).toBe(200);
    expect(polling.headers.get('access-control-allow-origin')).toBe(origin);
    expect(polling.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('the transcript and the NDJSON export are never sniffed', async () => {
    await using server = await startServer();
    const { conversationId, token } = await conversationOf(server);
    const auth = { authorization: `Bearer ${token}` };
    const transcript = await fetch(
      `${server.url}/api/conversations/${conversationId}/transcript.txt`,
      { headers: auth },
    );
    expect(transcript.status).toBe(200);
    expect(transcript.headers.get('content-type')).toMatch(/^text\/plain/);
    expectBaseline(transcript);
    const exported = await fetch(`${server.url}/api/sites/${server.owner.siteId}/export.ndjson`, {
      headers: auth,
    });
    expect(exported.status).toBe(200);
    expectBaseline(exported);
    expect(exported.headers.get('content-security-policy')).toContain("default-src 'none'");
  });

  it('sends HSTS only when PUBLIC_URL is https', async () => {
    {
      await using server = await startServer();
      expect(
        (await fetch(`${server.url}/healthz`)).headers.get('strict-transport-security'),
      ).toBeNull();
    }
    await using server = await startServer({ publicUrl: 'https://chat.example.com' });
    const hsts = (await fetch(`${server.url}/healthz`)).headers.get('strict-transport-security');
    expect(hsts).toMatch(/max-age=\d{7,}/);
    const csp = directives(
      (await fetch(`${server.url}/console`)).headers.get('content-security-policy'),
    );
    expect(csp.get('connect-src')).toContain('wss://chat.example.com');
  });
});
