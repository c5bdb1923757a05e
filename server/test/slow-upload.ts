/**
 * An upload from a slow client: the body sent over raw HTTP in small chunks with pauses, the way
 * a phone on a poor connection sends a file, so a test can watch (or kill) the server mid-body.
 */
import http from 'node:http';

export interface SlowUploadOptions {
  /** The relay's origin. */
  url: string;
  siteId: string;
  /** The visitor's token. */
  token: string;
  name: string;
  /** The whole file; sent `chunkBytes` at a time. */
  body: Buffer;
  chunkBytes: number;
  /** Between chunks. */
  pauseMs: number;
}

export interface SlowUpload {
  /** Bytes the server has taken so far (written and drained). */
  sent(): number;
  /** The answer; rejects when the connection is cut (a killed server). */
  response: Promise<{ status: number; body: string }>;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function slowUpload(options: SlowUploadOptions): SlowUpload {
  const query = new URLSearchParams({ siteId: options.siteId, name: options.name });
  const request = http.request(`${options.url}/api/widget/files?${query}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${options.token}`,
      'content-type': 'application/octet-stream',
      'content-length': String(options.body.length),
    },
  });
  let sent = 0;
  const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
    request.once('error', reject);
    request.once('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.once('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.once('error', reject);
    });
  });
  (async () => {
    for (let at = 0; at < options.body.length && !request.destroyed; at += options.chunkBytes) {
      const chunk = options.body.subarray(at, at + options.chunkBytes);
      if (!request.write(chunk))
        await new Promise<void>((resolve) => {
          const go = () => {
            request.off('drain', go);
            request.off('close', go);
            resolve();
          };
          request.on('drain', go);
          request.on('close', go);
        });
      sent += chunk.length;
      await pause(options.pauseMs);
    }
    if (!request.destroyed) request.end();
    // Nothing here throws but a write to a cut connection, which `response` reports.
  })().catch(() => request.destroy());
  // A cut connection is the test's to observe through `response`; never an unhandled error.
  response.catch(() => {});
  return { sent: () => sent, response };
}
