/** Raster images are the only attachments the relay serves inline, so the only ones shown as pictures. */
const INLINE_IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

/** Whether an attachment of this media type is shown as a picture rather than a download card. */
export function isInlineImage(type: string): boolean {
  return INLINE_IMAGE_TYPES.has(type);
}

const LABELS: Record<string, string> = {
  'application/pdf': 'PDF',
  'text/plain': 'Text',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word document',
  'application/vnd.oasis.opendocument.text': 'Text document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Spreadsheet',
  'application/vnd.oasis.opendocument.spreadsheet': 'Spreadsheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'Presentation',
  'application/vnd.oasis.opendocument.presentation': 'Presentation',
  // .doc, .xls and .ppt share one container format; the bytes do not say which it is.
  'application/x-cfb': 'Office document',
};

/** A short word for what a file is, from the media type the relay decided. */
export function fileTypeLabel(type: string): string {
  if (isInlineImage(type)) return 'Image';
  return LABELS[type] ?? 'File';
}
