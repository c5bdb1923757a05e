/**
 * What kind of attachment a file looks like before it is sent, from its declared type or its
 * name, so the widget and the console can refuse it in words before uploading. Only a hint: the
 * relay decides from the bytes (server/src/files/file-kinds.ts) and refuses a mismatch.
 */
import type { AttachmentKind } from './domain';

/** Types the browser may show in an <img>: the relay serves exactly these inline. */
const INLINE_IMAGE = /^image\/(png|jpeg|gif|webp)$/;

const KINDS_BY_NAME: ReadonlyArray<[RegExp, AttachmentKind]> = [
  [/\.(png|jpe?g|gif|webp)$/i, 'image'],
  [/\.pdf$/i, 'pdf'],
  [/\.(txt|log|csv)$/i, 'text'],
  [/\.(docx?|xlsx?|pptx?|od[tsp])$/i, 'office'],
];

/** The kind `name` (declared as `type`) would be sent as, or null when no site takes it. */
export function kindOfFile(name: string, type: string): AttachmentKind | null {
  // A pasted screenshot is named "image.png" or has no name at all: its type says more.
  if (INLINE_IMAGE.test(type)) return 'image';
  if (type === 'application/pdf') return 'pdf';
  return KINDS_BY_NAME.find(([pattern]) => pattern.test(name))?.[1] ?? null;
}

export function isInlineImage(type: string): boolean {
  return INLINE_IMAGE.test(type);
}

/** "850 kB", "1.2 MB" in the reader's locale. */
export function formatFileSize(bytes: number, locale?: string): string {
  const mega = bytes >= 1e6;
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: mega ? 'megabyte' : 'kilobyte',
    maximumFractionDigits: 1,
  }).format(mega ? bytes / 1e6 : Math.max(1, Math.round(bytes / 1e3)));
}
