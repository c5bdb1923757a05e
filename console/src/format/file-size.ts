/** A byte count as people read it: "812 B", "46 KB", "2.4 MB". Binary units, as the relay counts limits. */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const kilobytes = bytes / 1024;
  if (kilobytes < 1024) return `${Math.round(kilobytes)} KB`;
  const megabytes = kilobytes / 1024;
  // One decimal below 10 MB, where the difference still matters to whoever attaches the file.
  return `${megabytes < 10 ? Math.round(megabytes * 10) / 10 : Math.round(megabytes)} MB`;
}
