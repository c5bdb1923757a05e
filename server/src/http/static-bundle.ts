/**
 * Serves a built front end (the widget or the console) from memory, compressed once with brotli
 * and gzip, so a visitor's browser transfers the smallest form it accepts. A `<file>.gz` the
 * build made (the widget's, with Zopfli: smaller than zlib's) is sent instead of compressing
 * again, once it is checked to hold exactly the file. Files are read when first asked for; a
 * rebuild needs a restart, as with any release.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { brotliCompressSync, constants, gunzipSync, gzipSync } from 'node:zlib';
import type { Request, Response } from 'express';

interface Asset {
  type: string;
  etag: string;
  raw: Buffer;
  br: Buffer;
  gzip: Buffer;
}

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};
const COMPRESSIBLE = new Set(['.js', '.mjs', '.css', '.html', '.json', '.svg', '.map']);

/** A folder of built files served with compression and ETags. */
export class StaticBundle {
  private readonly cache = new Map<string, Promise<Asset | null>>();

  constructor(private readonly root: string) {}

  /** Sends `relativePath` with `cacheControl`; false when the file does not exist. */
  async send(
    req: Request,
    res: Response,
    relativePath: string,
    cacheControl: string,
  ): Promise<boolean> {
    const asset = await this.load(relativePath);
    if (!asset) return false;
    res.setHeader('Content-Type', asset.type);
    res.setHeader('Cache-Control', cacheControl);
    res.setHeader('ETag', asset.etag);
    res.setHeader('Vary', 'Accept-Encoding');
    if (req.headers['if-none-match'] === asset.etag) {
      res.status(304).end();
      return true;
    }
    const accepts = String(req.headers['accept-encoding'] ?? '');
    const [encoding, body] = /\bbr\b/.test(accepts)
      ? ['br', asset.br]
      : /\bgzip\b/.test(accepts)
        ? ['gzip', asset.gzip]
        : [null, asset.raw];
    if (encoding && body !== asset.raw) res.setHeader('Content-Encoding', encoding);
    res.setHeader('Content-Length', body.length);
    res.end(req.method === 'HEAD' ? undefined : body);
    return true;
  }

  /** The file's uncompressed content; null when it does not exist. */
  async content(relativePath: string): Promise<Buffer | null> {
    return (await this.load(relativePath))?.raw ?? null;
  }

  private load(relativePath: string): Promise<Asset | null> {
    let entry = this.cache.get(relativePath);
    if (!entry) {
      entry = this.read(relativePath);
      this.cache.set(relativePath, entry);
      // A missing file may appear after a build; don't remember the miss.
      // A failed read is answered by the caller; forget it too, so the next request tries again.
      const forget = () => this.cache.delete(relativePath);
      entry.then((asset) => asset ?? forget(), forget);
    }
    return entry;
  }

  private async read(relativePath: string): Promise<Asset | null> {
    const full = path.resolve(this.root, relativePath);
    if (!full.startsWith(path.resolve(this.root) + path.sep)) return null;
    let raw: Buffer;
    try {
      raw = await readFile(full);
    } catch {
      return null;
    }
    const ext = path.extname(full);
    const compressible = COMPRESSIBLE.has(ext);
    return {
      type: TYPES[ext] ?? 'application/octet-stream',
      etag: `"${createHash('sha256').update(raw).digest('base64url').slice(0, 27)}"`,
      raw,
      br: compressible
        ? brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } })
        : raw,
      gzip: compressible ? ((await precompressed(full, raw)) ?? gzipSync(raw, { level: 9 })) : raw,
    };
  }
}

/** The build's gzip of `full`, if there is one and it is of these very bytes (not a stale one). */
async function precompressed(full: string, raw: Buffer): Promise<Buffer | null> {
  try {
    const gz = await readFile(`${full}.gz`);
    return gunzipSync(gz).equals(raw) ? gz : null;
  } catch {
    return null;
  }
}
