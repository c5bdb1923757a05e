/**
 * fsync helpers: a rename or a new file only survives a power cut once the file's data and its
 * directory entry have both been flushed.
 */
import { copyFile, link, open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';

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

/**
 * Replaces `path` with `data` so that a crash or power cut leaves either the old file or the new
 * one, whole: write a temp file, fsync it, rename it over `path`, fsync the directory. `data` may
 * come in chunks, written one after the other; each write lets the event loop run.
 */
export async function writeFileAtomic(
  path: string,
  data: string | AsyncIterable<string>,
): Promise<void> {
  const temp = `${path}.tmp`;
  const handle = await open(temp, 'w');
  try {
    if (typeof data === 'string') await handle.writeFile(data);
    else for await (const chunk of data) await handle.writeFile(chunk);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  await rename(temp, path);
  await fsyncDirectory(dirname(path));
}

/**
 * Makes `copy` hold what `path` holds now, replacing `copy` atomically (a hard link, or a copy
 * where the file system has none). Durable once the directory is fsync'ed.
 */
export async function replaceWithLink(path: string, copy: string): Promise<void> {
  const temp = `${copy}.tmp`;
  await rm(temp, { force: true });
  try {
    await link(path, temp);
  } catch {
    await copyFile(path, temp);
    await fsyncFile(temp);
  }
  await rename(temp, copy);
}
