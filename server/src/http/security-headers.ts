/**
 * The security headers of every response (helmet), and the Content-Security-Policies of the two
 * pages this server renders: the console and the demo page. The widget's own files are the
 * exception that customers' pages load cross-origin (see `allowCrossOriginEmbedding`).
 */
import { createHash, randomBytes } from 'node:crypto';
import type { RequestHandler, Response } from 'express';
import helmet from 'helmet';

/** One year: the HSTS max-age browsers and preload lists expect. */
const HSTS_MAX_AGE_S = 31_536_000;

/** Helmet's headers for every response; HSTS only when the public origin is https. */
export function securityHeaders(options: { publicUrl: string | undefined }): RequestHandler {
  const https = options.publicUrl?.startsWith('https:') ?? false;
  return helmet({
    // JSON and text answers render nothing; the console and the demo page set their own policy.
    contentSecurityPolicy: {
      useDefaults: false,
      directives: { 'default-src': ["'none'"], 'frame-ancestors': ["'none'"] },
    },
    // Same-origin by default; /widget.js and /widget/assets/* switch to cross-origin.
    crossOriginResourcePolicy: { policy: 'same-origin' },
    crossOriginOpenerPolicy: { policy: 'same-origin' },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: https ? { maxAge: HSTS_MAX_AGE_S, includeSubDomains: false } : false,
    xFrameOptions: { action: 'deny' },
  }) as RequestHandler;
}

/** Lets any page load this response with `<script src>` or `import()`: the widget's files. */
export function allowCrossOriginEmbedding(res: Response): void {
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
}

/** A fresh nonce for one response. */
export function newNonce(): string {
  return randomBytes(18).toString('base64');
}

/** `'sha256-…'` sources for the inline scripts and styles of `html`, as CSP wants them. */
export function inlineHashes(html: string): { scripts: string[]; styles: string[] } {
  const hash = (body: string) => `'sha256-${createHash('sha256').update(body).digest('base64')}'`;
  const bodies = (pattern: RegExp) => [...html.matchAll(pattern)].map((match) => match[1] ?? '');
  return {
    scripts: bodies(/<script\b(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/gi).map(hash),
    styles: bodies(/<style\b[^>]*>([\s\S]*?)<\/style>/gi).map(hash),
  };
}

/** `https://host` → `wss://host` (CSP's `'self'` covers it in current browsers; older ones need it). */
function socketOrigin(publicUrl: string): string {
  return new URL(publicUrl).origin.replace(/^http/, 'ws');
}

function serialize(directives: Record<string, string[]>): string {
  return Object.entries(directives)
    .map(([name, sources]) => [name, ...sources].join(' '))
    .join('; ');
}

/** The console's policy: its own files only, plus exactly the inline code its index.html has. */
export function consolePolicy(
  publicUrl: string,
  inline: { scripts: string[]; styles: string[] },
): string {
  return serialize({
    'default-src': ["'self'"],
    'script-src': ["'self'", ...inline.scripts],
    'style-src': ["'self'", ...inline.styles],
    // The favicon is a data: URL.
    'img-src': ["'self'", 'data:'],
    'connect-src': ["'self'", socketOrigin(publicUrl)],
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
  });
}

/**
 * The demo page's policy: its inline style and the widget's script tag carry `nonce`; the
 * widget's chunks are `import()`ed by that script ('strict-dynamic'), and it talks to `publicUrl`.
 */
export function demoPolicy(publicUrl: string, nonce: string): string {
  const origin = new URL(publicUrl).origin;
  return serialize({
    'default-src': ["'self'"],
    'script-src': [`'nonce-${nonce}'`, "'strict-dynamic'"],
    'style-src': [`'nonce-${nonce}'`],
    'img-src': ["'self'", 'data:'],
    'connect-src': ["'self'", origin, socketOrigin(publicUrl)],
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'none'"],
    'frame-ancestors': ["'none'"],
  });
}

/** Socket.IO answers HTTP long-polling itself, outside Express: give those answers nosniff too. */
export function socketSecurityHeaders(engine: {
  on(event: 'headers', listener: (headers: Record<string, string>) => void): unknown;
}): void {
  engine.on('headers', (headers) => {
    headers['X-Content-Type-Options'] = 'nosniff';
  });
}
