/**
 * One relay process per data directory: two processes appending to the same journal would
 * interleave records and corrupt it. The claim is an OS file lock on `parley.lock` (an
 * open-file-description `fcntl` lock on Linux, `flock` on macOS, `LockFileEx` on Windows, through
 * fs-native-extensions), held by an open file. The kernel drops it the moment the holder's files
 * are closed, which includes a crash or kill -9, so a restart never waits and never mistakes a
 * zombie or a reused pid for a live holder.
 */
import { open, readFile, rm, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { tryLock } from 'fs-native-extensions';

const LOCK_FILE = 'parley.lock';
/** The pid file of releases before the OS lock; it proves nothing and is removed on start. */
const LEGACY_PID_FILE = 'parley.pid';

/** A claimed data directory; the lock lasts as long as this object's file stays open. */
export interface DataDirLock {
  /** Releases the claim (on a clean shutdown). */
  release(): Promise<void>;
}

/** Claims `dataDir` for this process; throws when another live process holds it. */
export async function lockDataDir(dataDir: string): Promise<DataDirLock> {
  const file = path.join(dataDir, LOCK_FILE);
  // 'a+' creates the file without truncating it, so a refused start does not wipe the holder's pid.
  const handle = await open(file, 'a+');
  let locked: boolean;
  try {
    locked = tryLock(handle.fd);
  } catch (error) {
    await handle.close();
    throw error;
  }
  if (!locked) {
    await handle.close();
    const holder = (await readFile(file, 'utf8').catch(() => '')).trim();
    throw new Error(
      `${dataDir} is in use by another Parley process${holder ? ` (pid ${holder})` : ''}; stop it or use another DATA_DIR`,
    );
  }
  // The pid is only for the message above; the lock, not the file's content, is the claim.
  await handle.truncate(0);
  await handle.write(`${process.pid}\n`, 0);
  await rm(path.join(dataDir, LEGACY_PID_FILE), { force: true });
  return { release: () => release(handle) };
}

async function release(handle: FileHandle): Promise<void> {
  // The file stays: deleting it would let a newcomer lock a fresh file while a waiter holds the
  // old one. Closing the last descriptor releases the lock.
  await handle.close();
}
