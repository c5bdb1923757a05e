import { describe, expect, test, vi } from 'vitest';
import { createUploader, type UploadRequest } from './file-upload';
import { RequestError } from './request-error';

/**
 * The part of XMLHttpRequest the uploader uses, driven by hand: the console tests have no relay
 * to upload to (happy-dom's own XMLHttpRequest reports no upload progress either).
 */
class ScriptedRequest {
  method = '';
  url = '';
  headers: Record<string, string> = {};
  body: unknown = null;
  status = 0;
  responseText = '';
  aborted = false;
  upload: { onprogress: ((event: ProgressEvent) => void) | null } = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  send(body: unknown) {
    this.body = body;
  }
  abort() {
    this.aborted = true;
    this.onabort?.();
  }
  answer(status: number, body: unknown) {
    this.status = status;
    this.responseText = JSON.stringify(body);
    this.onload?.();
  }
}

function setup(token: string | null = 'agent-token') {
  const sent: ScriptedRequest[] = [];
  const onUnauthenticated = vi.fn();
  const upload = createUploader({
    token: () => token,
    onUnauthenticated,
    newRequest: () => {
      const request = new ScriptedRequest();
      sent.push(request);
      return request as unknown as XMLHttpRequest;
    },
  });
  const file = new File(['hello'], 'a b&c.txt', { type: 'text/plain' });
  const progress: [number, number][] = [];
  const controller = new AbortController();
  const request: UploadRequest = {
    siteId: 'site-1',
    file,
    name: file.name,
    signal: controller.signal,
    onProgress: (done, total) => progress.push([done, total]),
  };
  return { upload, request, sent, progress, controller, onUnauthenticated };
}

describe('uploading a file to the relay', () => {
  test('posts the raw file with the agent’s token and reports progress and the stored file', async () => {
    const { upload, request, sent, progress } = setup();
    const done = upload(request);
    const xhr = sent[0];
    expect(xhr?.method).toBe('POST');
    expect(xhr?.url).toBe('/api/files?siteId=site-1&name=a+b%26c.txt');
    expect(xhr?.headers['Authorization']).toBe('Bearer agent-token');
    expect(xhr?.body).toBe(request.file);
    xhr?.upload.onprogress?.({ loaded: 3, total: 5, lengthComputable: true } as ProgressEvent);
    expect(progress).toEqual([[3, 5]]);
    xhr?.answer(201, { id: 'f1', name: 'a b&c.txt', type: 'text/plain', size: 5 });
    await expect(done).resolves.toEqual({
      id: 'f1',
      name: 'a b&c.txt',
      type: 'text/plain',
      size: 5,
    });
  });

  test('a refusal arrives as the relay’s error code and message', async () => {
    const { upload, request, sent } = setup();
    const done = upload(request);
    sent[0]?.answer(415, {
      error: { code: 'FILE_TYPE_REFUSED', message: 'this chat accepts PDF' },
    });
    const error = await done.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RequestError);
    expect(error).toMatchObject({ code: 'FILE_TYPE_REFUSED', message: 'this chat accepts PDF' });
  });

  test('a rejected token ends the session', async () => {
    const { upload, request, sent, onUnauthenticated } = setup();
    const done = upload(request);
    sent[0]?.answer(401, { error: { code: 'UNAUTHENTICATED', message: 'expired' } });
    await expect(done).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(onUnauthenticated).toHaveBeenCalledOnce();
  });

  test('a broken connection is a NETWORK error', async () => {
    const { upload, request, sent } = setup();
    const done = upload(request);
    sent[0]?.onerror?.();
    await expect(done).rejects.toMatchObject({ code: 'NETWORK' });
  });

  test('aborting stops the request', async () => {
    const { upload, request, sent, controller } = setup();
    const done = upload(request);
    controller.abort();
    expect(sent[0]?.aborted).toBe(true);
    await expect(done).rejects.toMatchObject({ name: 'AbortError' });
  });
});
