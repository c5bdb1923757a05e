/** Uploading and fetching attachments as a visitor's widget does, for the attachment tests. */
import type { TestServer } from './harness';

/** What an upload answers. */
export interface Uploaded {
  id: string;
  name: string;
  type: string;
  size: number;
}

/** Uploads `bytes` as the visitor with `token` to `url` (a relay's origin); the raw response. */
export function uploadTo(
  url: string,
  siteId: string,
  token: string,
  name: string,
  bytes: Uint8Array | ReadableStream<Uint8Array>,
): Promise<Response> {
  const query = new URLSearchParams({ siteId, name });
  return fetch(`${url}/api/widget/files?${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
    body: bytes,
    // A stream body (no Content-Length): the limit is then enforced while it arrives.
    ...(bytes instanceof ReadableStream ? { duplex: 'half' } : {}),
  } as RequestInit);
}

/** Uploads `bytes` as the visitor with `token` to the test server's demo site. */
export function uploadAsVisitor(
  server: TestServer,
  token: string,
  name: string,
  bytes: Uint8Array | ReadableStream<Uint8Array>,
  siteId = server.owner.siteId,
): Promise<Response> {
  return uploadTo(server.url, siteId, token, name, bytes);
}

/** Uploads and expects it taken (201). */
export async function uploaded(
  server: TestServer,
  token: string,
  name: string,
  bytes: Uint8Array,
): Promise<Uploaded> {
  const response = await uploadAsVisitor(server, token, name, bytes);
  if (response.status !== 201)
    throw new Error(`upload refused: ${response.status} ${await response.text()}`);
  return (await response.json()) as Uploaded;
}

/** GETs an absolute link: its status and bytes. */
export async function download(link: string): Promise<{ status: number; bytes: Buffer }> {
  const response = await fetch(link);
  return { status: response.status, bytes: Buffer.from(await response.arrayBuffer()) };
}

/** Uploads `bytes` as the agent with `token` (POST /api/files), as the console does. */
export function uploadAsAgent(
  server: TestServer,
  token: string,
  name: string,
  bytes: Uint8Array,
  siteId = server.owner.siteId,
): Promise<Response> {
  const query = new URLSearchParams({ siteId, name });
  return fetch(`${server.url}/api/files?${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
    body: bytes,
  });
}
