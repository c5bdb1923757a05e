/**
 * Takes one uploaded file from a request body into the FileStore: the site's settings first
 * (attachments on, the declared size within the limit: refused before a byte is read), then the
 * type from the first bytes, then the bytes streamed to storage (photos without their metadata),
 * counted against the limit again as they come. Nothing is kept of a refused upload.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { ParleyError, type Site } from '@parley/shared';
import { DEFAULT_ATTACHMENT_SETTINGS } from '../sites/default-widget-settings';
import { byteLimit, formatBytes } from './byte-limit';
import { acceptedType, safeFileName, SNIFF_BYTES } from './file-kinds';
import type { FileStore, StoredFile, Uploader } from './file-store';
import { jpegWithoutMetadata } from './jpeg-metadata';

export interface Upload {
  site: Site;
  uploader: Uploader;
  name: string;
  /** Content-Length, when the client sent one. */
  declaredBytes: number | null;
  body: Readable;
}

/** The site's attachment settings (sites stored before attachments existed get the defaults). */
export const attachmentSettings = (site: Site) =>
  site.widget.attachments ?? DEFAULT_ATTACHMENT_SETTINGS;

export async function receiveUpload(files: FileStore, upload: Upload): Promise<StoredFile> {
  const settings = attachmentSettings(upload.site);
  if (!settings.enabled) throw new ParleyError('FORBIDDEN', 'This chat does not take files');
  const max = settings.maxFileBytes;
  if (upload.declaredBytes !== null && upload.declaredBytes > max)
    throw new ParleyError(
      'FILE_TOO_LARGE',
      `This file is larger than the ${formatBytes(max)} this chat accepts`,
    );
  const limited = upload.body.pipe(byteLimit(max));
  upload.body.on('error', (error) => limited.destroy(error));
  const chunks = limited[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const head: Buffer[] = [];
  let headBytes = 0;
  let ended = false;
  while (headBytes < SNIFF_BYTES) {
    const next = await chunks.next();
    if (next.done) {
      ended = true;
      break;
    }
    head.push(next.value);
    headBytes += next.value.length;
  }
  const start = Buffer.concat(head);
  if (start.length === 0) throw new ParleyError('VALIDATION_FAILED', 'The file is empty');
  let type: string;
  try {
    type = await acceptedType(start.subarray(0, SNIFF_BYTES), ended, settings);
  } catch (error) {
    limited.destroy();
    throw error;
  }
  const whole = Readable.from(
    (async function* () {
      yield start;
      for (;;) {
        const next = await chunks.next();
        if (next.done) return;
        yield next.value;
      }
    })(),
  );
  const content = type === 'image/jpeg' ? whole.pipe(jpegWithoutMetadata()) : whole;
  whole.on('error', (error) => content.destroy(error));
  return files.save(
    {
      id: randomUUID(),
      secret: randomBytes(24).toString('base64url'),
      siteId: upload.site.id,
      uploader: upload.uploader,
      name: safeFileName(upload.name),
      type,
      createdAt: new Date().toISOString(),
    },
    content,
    max,
  );
}

/** The path a stored file is fetched at: its id, its secret and its name. */
export function fileUrl(file: StoredFile): string {
  return `/api/files/${file.id}/${file.secret}/${encodeURIComponent(file.name)}`;
}
