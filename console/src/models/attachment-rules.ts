import type { AttachmentKind, AttachmentSettings, Site } from '@parley/shared';
import { formatFileSize } from '../format/file-size';

/**
 * What the relay applies to a site stored before attachments existed (its default widget
 * settings), so the console checks files against the same limits the relay will.
 */
export const DEFAULT_ATTACHMENT_SETTINGS: AttachmentSettings = {
  enabled: true,
  maxFileBytes: 10 * 1024 * 1024,
  maxFilesPerMessage: 5,
  allowedKinds: ['image', 'pdf', 'text', 'office'],
  filesPerVisitorPerHour: 30,
};

/** A site's attachment settings, or the relay's defaults when the site has none yet. */
export function attachmentSettingsOf(site: Pick<Site, 'widget'> | undefined): AttachmentSettings {
  return site?.widget.attachments ?? DEFAULT_ATTACHMENT_SETTINGS;
}

const OFFICE_TYPES = [
  'application/msword',
  'application/vnd.ms-excel',
  'application/vnd.ms-powerpoint',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
  'application/vnd.oasis.opendocument.presentation',
  'text/csv',
];

// Images are the four raster types the relay accepts: a HEIC photo or an SVG is refused there
// anyway, so it is better to say so before the upload starts.
const KIND_BY_TYPE: Record<string, AttachmentKind> = {
  'image/png': 'image',
  'image/jpeg': 'image',
  'image/gif': 'image',
  'image/webp': 'image',
  'application/pdf': 'pdf',
  'text/plain': 'text',
  ...Object.fromEntries(OFFICE_TYPES.map((type) => [type, 'office' as const])),
};

const IMAGE_EXTENSIONS = ['png', 'jpg', 'jpeg', 'gif', 'webp'];
const OFFICE_EXTENSIONS = ['doc', 'docx', 'xls', 'xlsx', 'ppt', 'pptx', 'odt', 'ods', 'odp', 'csv'];

const KIND_BY_EXTENSION: Record<string, AttachmentKind> = {
  ...Object.fromEntries(IMAGE_EXTENSIONS.map((ext) => [ext, 'image' as const])),
  pdf: 'pdf',
  txt: 'text',
  ...Object.fromEntries(OFFICE_EXTENSIONS.map((ext) => [ext, 'office' as const])),
};

/**
 * The kind a file seems to be, from the type the browser reports or else its extension; null when
 * it is none a site can accept. The relay decides again from the bytes.
 */
export function attachmentKindOf(file: { name: string; type: string }): AttachmentKind | null {
  const byType = KIND_BY_TYPE[file.type.toLowerCase()];
  if (byType) return byType;
  const extension = /\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase();
  return extension ? (KIND_BY_EXTENSION[extension] ?? null) : null;
}

const KIND_WORDS: Record<AttachmentKind, string> = {
  image: 'images (PNG, JPEG, GIF, WebP)',
  pdf: 'PDF',
  text: 'plain text',
  office: 'office documents',
};

/** "images (PNG, JPEG, GIF, WebP), PDF": what a site accepts, in words. */
export function describeKinds(kinds: readonly AttachmentKind[]): string {
  return kinds.length === 0 ? 'no files' : kinds.map((kind) => KIND_WORDS[kind]).join(', ');
}

/** Why a file cannot be attached under these settings, in words the agent can act on; null if it can. */
export function refusalOf(
  file: { name: string; type: string; size: number },
  settings: AttachmentSettings,
): string | null {
  if (!settings.enabled) return 'This site does not accept files.';
  const kind = attachmentKindOf(file);
  if (!kind || !settings.allowedKinds.includes(kind))
    return `“${file.name}” is not a kind of file this site accepts. It accepts ${describeKinds(settings.allowedKinds)}.`;
  if (file.size === 0) return `“${file.name}” is empty.`;
  if (file.size > settings.maxFileBytes)
    return `“${file.name}” is ${formatFileSize(file.size)}; this site accepts files up to ${formatFileSize(settings.maxFileBytes)}.`;
  return null;
}

/**
 * Splits newly chosen files into those to upload and the reasons for the others, given how many
 * files the message already has.
 */
export function screenFiles<T extends { name: string; type: string; size: number }>(
  files: readonly T[],
  settings: AttachmentSettings,
  alreadyAttached: number,
): { accepted: T[]; refusals: string[] } {
  if (!settings.enabled) return { accepted: [], refusals: ['This site does not accept files.'] };
  const accepted: T[] = [];
  const refusals: string[] = [];
  const tooMany: string[] = [];
  for (const file of files) {
    const refusal = refusalOf(file, settings);
    if (refusal) refusals.push(refusal);
    else if (alreadyAttached + accepted.length >= settings.maxFilesPerMessage)
      tooMany.push(`“${file.name}”`);
    else accepted.push(file);
  }
  if (tooMany.length > 0)
    refusals.push(
      `A message takes at most ${settings.maxFilesPerMessage} ${settings.maxFilesPerMessage === 1 ? 'file' : 'files'} on this site; not added: ${tooMany.join(', ')}.`,
    );
  return { accepted, refusals };
}

const ACCEPT_BY_KIND: Record<AttachmentKind, string[]> = {
  image: [
    ...Object.keys(KIND_BY_TYPE).filter((type) => type.startsWith('image/')),
    ...IMAGE_EXTENSIONS.map((ext) => `.${ext}`),
  ],
  pdf: ['application/pdf', '.pdf'],
  text: ['text/plain', '.txt'],
  office: [...OFFICE_TYPES, ...OFFICE_EXTENSIONS.map((ext) => `.${ext}`)],
};

/** The file picker's `accept` list for these kinds, so the picker offers what the site takes. */
export function acceptAttribute(kinds: readonly AttachmentKind[]): string {
  return kinds.flatMap((kind) => ACCEPT_BY_KIND[kind]).join(',');
}

/** The relay takes names of up to 255 characters; a longer one is cut before its extension. */
export function uploadName(name: string): string {
  if (name.length <= 255) return name;
  const extension = /\.[a-z0-9]{1,10}$/i.exec(name)?.[0] ?? '';
  return name.slice(0, 255 - extension.length) + extension;
}
