/**
 * A third-party shop on its own origin (another port of 127.0.0.1, while the relay is on
 * localhost) whose pages carry nothing of Parley but the one-line snippet.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { fileURLToPath } from 'node:url';

const PAGES: Readonly<Record<string, string>> = {
  '/': 'index.html',
  '/index.html': 'index.html',
  '/delivery.html': 'delivery.html',
  '/hostile.html': 'hostile.html',
};

export interface HostSite {
  /** e.g. http://127.0.0.1:40123 */
  origin: string;
  /** A page of the shop; `locale` adds data-locale to the snippet. */
  url(page?: 'home' | 'delivery' | 'hostile', options?: { locale?: string }): string;
  close(): Promise<void>;
}

/** The exact snippet the console tells site owners to paste. */
export function snippet(relayUrl: string, siteId: string, locale?: string): string {
  const localeAttr = locale ? ` data-locale="${locale}"` : '';
  return `<script src="${relayUrl}/widget.js" data-site="${siteId}"${localeAttr} async></script>`;
}

/** Serves the shop for one relay and site. */
export async function startHostSite(relayUrl: string, siteId: string): Promise<HostSite> {
  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://host.invalid');
      if (url.pathname === '/hostile.css') {
        res.writeHead(200, { 'content-type': 'text/css; charset=utf-8' });
        res.end(await readFile(fileURLToPath(new URL('./hostile.css', import.meta.url))));
        return;
      }
      const file = PAGES[url.pathname];
      if (!file) {
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end('Not found');
        return;
      }
      const template = await readFile(fileURLToPath(new URL(`./${file}`, import.meta.url)), 'utf8');
      const locale = url.searchParams.get('locale') ?? undefined;
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
      });
      res.end(template.replace('{{SNIPPET}}', snippet(relayUrl, siteId, locale)));
    })().catch((error: unknown) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  const origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const paths = { home: '/', delivery: '/delivery.html', hostile: '/hostile.html' } as const;
  return {
    origin,
    url(page = 'home', options = {}) {
      const query = options.locale ? `?locale=${encodeURIComponent(options.locale)}` : '';
      return `${origin}${paths[page]}${query}`;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
