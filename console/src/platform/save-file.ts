/** Hands a file to the browser's downloads; tests pass a fake that records what was saved. */
export type SaveFile = (blob: Blob, filename: string) => void;

/**
 * Saves through a temporary `<a download>`: the request needed the Bearer token, so a plain link
 * to the URL cannot do it. The object URL is released once the click has started the download.
 */
export function saveFile(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
