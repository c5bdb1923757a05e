/**
 * The relay offers Socket.IO over WebSocket and HTTP long-polling only, so the client's
 * WebTransport code can never run. engine.io-client lists its transports in one module that
 * imports all three; this swaps that module for one listing the two the relay speaks, and the
 * bundler drops the third.
 */
import { dirname, join } from 'node:path';
import type { Plugin } from 'vite';

const VIRTUAL_PREFIX = '\0parley-engine-transports:';

export function withoutWebTransport(): Plugin {
  return {
    name: 'parley:without-webtransport',
    apply: 'build',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source !== './transports/index.js' || !importer?.includes('/engine.io-client/'))
        return null;
      return VIRTUAL_PREFIX + join(dirname(importer), 'transports');
    },
    load(id) {
      if (!id.startsWith(VIRTUAL_PREFIX)) return null;
      const dir = id.slice(VIRTUAL_PREFIX.length);
      // The browser builds of the two transports (engine.io-client's `browser` field).
      return [
        `import { WS } from ${JSON.stringify(join(dir, 'websocket.js'))};`,
        `import { XHR } from ${JSON.stringify(join(dir, 'polling-xhr.js'))};`,
        'export const transports = { websocket: WS, polling: XHR };',
      ].join('\n');
    },
  };
}
