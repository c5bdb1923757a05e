/**
 * What a file is, decided from its first bytes (file-type's signatures), never from its name or
 * the type the browser declared. Text has no signature: a file is text only when it is valid
 * UTF-8 without NUL and does not open like markup, so an HTML or SVG page named `.txt` or `.png`
 * is refused rather than stored. SVG and HTML are never accepted at all: a browser would run
 * their scripts.
 */
import { ParleyError, type AttachmentKind, type AttachmentSettings } from '@parley/shared';

/** Bytes read before deciding (file-type reads at most this far for its signatures). */
export const SNIFF_BYTES = 4100;

/** Every type a site may accept, by kind. */
const TYPES_BY_KIND: Record<AttachmentKind, readonly string[]> = {
  image: ['image/png', 'image/jpeg', 'image/gif', 'image/webp'],
  pdf: ['application/pdf'],
  text: ['text/plain'],
  office: [
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    'application/vnd.oasis.opendocument.text',
    'application/vnd.oasis.opendocument.spreadsheet',
    'application/vnd.oasis.opendocument.presentation',
    // .doc, .xls, .ppt (Compound File Binary).
    'application/x-cfb',
  ],
};

/** Raster images are the only files shown inline (in an <img>); everything else downloads. */
export const INLINE_TYPES = new Set(TYPES_BY_KIND.image);

const MARKUP_START = /^\s*</;

/** Whether `head` is plain UTF-8 text that no browser would take for a page or an image. */
function isPlainText(head: Buffer, complete: boolean): boolean {
  if (head.includes(0)) return false;
  let text: string;
  try {
    // Streaming: a character cut at the end of the sniffed bytes waits instead of failing.
    text = new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: !complete });
  } catch {
    return false;
  }
  return !MARKUP_START.test(text.replace(/^\uFEFF/, ''));
}

/**
 * The media type of a file whose first bytes are `head` (all of it when `complete`), if the
 * site's settings accept it; otherwise FILE_TYPE_REFUSED saying what it is and what is allowed.
 */
export async function acceptedType(
  head: Buffer,
  complete: boolean,
  settings: AttachmentSettings,
): Promise<string> {
  const { fileTypeFromBuffer } = await import('file-type');
  const detected = await fileTypeFromBuffer(head);
  const type = detected?.mime ?? (isPlainText(head, complete) ? 'text/plain' : null);
  const allowed = settings.allowedKinds.flatMap((kind) => TYPES_BY_KIND[kind]);
  if (type && allowed.includes(type)) return type;
  throw new ParleyError(
    'FILE_TYPE_REFUSED',
    `This file's content is ${type ?? 'of a kind this chat does not take'}; this chat accepts ${describeKinds(settings.allowedKinds)}`,
  );
}

function describeKinds(kinds: AttachmentKind[]): string {
  const words: Record<AttachmentKind, string> = {
    image: 'images (PNG, JPEG, GIF, WebP)',
    pdf: 'PDF',
    text: 'plain text',
    office: 'office documents',
  };
  return kinds.length === 0 ? 'no files' : kinds.map((kind) => words[kind]).join(', ');
}

/** Bidi overrides (a name could read backwards: "photo\u202Egnp.exe"), DEL and quotes. */
const UNSAFE_IN_NAMES = new Set([
  '\u007f',
  '"',
  ...'\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069',
]);

/**
 * A name safe to show and to offer as a download name: no path, no control or bidi-override
 * characters, at most 120 characters. It never names anything on disk (files are stored by id).
 */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = [...base]
    .filter((char) => !UNSAFE_IN_NAMES.has(char) && char.charCodeAt(0) >= 0x20)
    .join('')
    .replace(/^\.+/, '')
    .trim()
    .slice(0, 120);
  return cleaned || 'file';
}
