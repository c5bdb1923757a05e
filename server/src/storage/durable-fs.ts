/**
 * fsync helpers: a rename or a new file only survives a power cut once the file's data and its
 * directory entry have both been flushed.
 */
import { open } from 'node:fs/promises';

/** Flushes a file's data to disk. */
export async function fsyncFile(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Flushes a directory, making files created, renamed or deleted in it durable. */
export async function fsyncDirectory(path: string): Promise<void> {
  // Windows cannot open a directory as a file (NTFS journals renames itself); Linux and macOS
  // accept fsync on a read-only directory handle, which is how renames are made durable there.
  if (process.platform === 'win32') return;
  await fsyncFile(path);
}
