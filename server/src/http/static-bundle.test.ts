import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StaticBundle } from './static-bundle';

let dir: string;
let url: string;
let close: () => void;
const script = `console.log(${JSON.stringify('widget '.repeat(500))});`;
const builtGzip = gzipSync(script, { level: 1 });

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'parley-static-'));
  await writeFile(path.join(dir, 'widget.js'), script);
  // What the widget build leaves: a smaller gzip of its own (here: a recognisable one, level 1
  // with a header comment), and a stale one from an older build of another file.
  await writeFile(path.join(dir, 'panel.js'), script);
  await writeFile(path.join(dir, 'panel.js.gz'), builtGzip);
  await writeFile(path.join(dir, 'old.js'), script);
  await writeFile(path.join(dir, 'old.js.gz'), gzipSync('console.log("an older build")'));
  const bundle = new StaticBundle(dir);
  const app = express();
  app.get('/{*file}', async (req, res) => {
    const file = (req.params as { file?: string[] }).file?.join('/') ?? '';
    if (!(await bundle.send(req, res, file, 'public, max-age=300'))) res.status(404).end();
  });
  const server = createServer(app).listen(0);
  await new Promise((resolve) => server.once('listening', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => server.close();
});

afterAll(async () => {
  close();
  await rm(dir, { recursive: true, force: true });
});

const get = (file: string, encoding: string, etag?: string) =>
  new Promise<{
    status: number;
    headers: Record<string, string | string[] | undefined>;
    body: Buffer;
  }>((resolve, reject) => {
    // node's fetch decodes bodies itself; a raw request shows what goes over the wire.
    import('node:http').then(({ get: request }) => {
      request(
        `${url}/${file}`,
        { headers: { 'accept-encoding': encoding, ...(etag ? { 'if-none-match': etag } : {}) } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: Buffer.concat(chunks),
            }),
          );
        },
      ).on('error', reject);
    }, reject);
  });

describe('StaticBundle', () => {
  it('sends brotli to browsers that accept it, gzip to others, and plain text otherwise', async () => {
    const br = await get('widget.js', 'gzip, deflate, br');
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.body).toString()).toBe(script);
    expect(br.body.length).toBeLessThan(script.length / 10);

    const gzip = await get('widget.js', 'gzip');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.body).toString()).toBe(script);

    const plain = await get('widget.js', 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(script);
    expect(plain.headers['cache-control']).toBe('public, max-age=300');
  });

  it('answers a matching ETag with 304 and refuses paths outside its folder', async () => {
    const first = await get('widget.js', 'br');
    const again = await get('widget.js', 'br', String(first.headers['etag']));
    expect(again.status).toBe(304);
    expect((await get('../../etc/passwd', 'br')).status).toBe(404);
  });

  it('sends the build’s own gzip of a file, but never one that holds other bytes', async () => {
    const built = await get('panel.js', 'gzip');
    expect(built.body.equals(builtGzip)).toBe(true);
    const stale = await get('old.js', 'gzip');
    expect(gunzipSync(stale.body).toString()).toBe(script);
  });
});
