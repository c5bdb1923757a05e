import { RequestError, requestErrorFromBody } from './request-error';

/** What the relay answers for an upload: the id to put in `attachmentIds`. */
export interface UploadedFile {
  id: string;
  name: string;
  type: string;
  size: number;
}

export interface UploadRequest {
  siteId: string;
  file: Blob;
  name: string;
  /** Bytes sent so far, of `total`. */
  onProgress: (sent: number, total: number) => void;
  /** Aborting it stops the upload; the promise then rejects with an AbortError. */
  signal: AbortSignal;
}

/** Sends one file to the relay (POST /api/files); rejects with a RequestError, or an AbortError. */
export type UploadFile = (request: UploadRequest) => Promise<UploadedFile>;

export interface UploaderOptions {
  /** Prefix of the path; '' means the page's own origin, as for the REST client. */
  baseUrl?: string;
  token: () => string | null;
  onUnauthenticated?: () => void;
  /** The browser's XMLHttpRequest: fetch cannot report upload progress. */
  newRequest?: () => XMLHttpRequest;
}

/** Uploads over XMLHttpRequest, so the composer can show how far each file has got. */
export function createUploader(options: UploaderOptions): UploadFile {
  const newRequest = options.newRequest ?? (() => new XMLHttpRequest());
  return (request) =>
    new Promise<UploadedFile>((resolve, reject) => {
      if (request.signal.aborted) {
        reject(new DOMException('The upload was cancelled', 'AbortError'));
        return;
      }
      const xhr = newRequest();
      const query = new URLSearchParams({ siteId: request.siteId, name: request.name });
      xhr.open('POST', `${options.baseUrl ?? ''}/api/files?${query.toString()}`);
      const token = options.token();
      if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
      // The relay decides the type from the bytes, whatever is declared here.
      xhr.setRequestHeader('Content-Type', 'application/octet-stream');
      xhr.setRequestHeader('Accept', 'application/json');
      xhr.upload.onprogress = (event) =>
        request.onProgress(event.loaded, event.lengthComputable ? event.total : request.file.size);
      xhr.onload = () => {
        const payload = parseJson(xhr.responseText);
        if (xhr.status >= 200 && xhr.status < 300 && isUploadedFile(payload)) {
          resolve(payload);
          return;
        }
        const error = requestErrorFromBody(
          typeof payload === 'object' && payload !== null && 'error' in payload
            ? payload.error
            : null,
        );
        if (error.code === 'UNAUTHENTICATED') options.onUnauthenticated?.();
        reject(error);
      };
      xhr.onerror = () =>
        reject(new RequestError('NETWORK', 'The upload was interrupted. Check your connection.'));
      xhr.onabort = () => reject(new DOMException('The upload was cancelled', 'AbortError'));
      request.signal.addEventListener('abort', () => xhr.abort(), { once: true });
      xhr.send(request.file);
    });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

function isUploadedFile(value: unknown): value is UploadedFile {
  if (typeof value !== 'object' || value === null) return false;
  const { id, name, type, size } = value as Record<string, unknown>;
  return (
    typeof id === 'string' &&
    typeof name === 'string' &&
    typeof type === 'string' &&
    typeof size === 'number'
  );
}
