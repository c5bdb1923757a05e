/**
 * One relay process per data directory: two processes appending to the same journal would
 * interleave records and corrupt it. The lock is a pid file; a pid that no longer runs (a crash,
 * kill -9) is a stale lock and is taken over, so a restart never waits.
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

const LOCK_FILE = 'parley.pid';

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Claims `dataDir` for this process; throws when another live process holds it. */
export async function lockDataDir(dataDir: string): Promise<void> {
  const file = path.join(dataDir, LOCK_FILE);
  const holder = Number.parseInt(await readFile(file, 'utf8').catch(() => ''), 10);
  if (Number.isInteger(holder) && holder !== process.pid && isRunning(holder)) {
    throw new Error(
      `${dataDir} is in use by another Parley process (pid ${holder}); stop it or use another DATA_DIR`,
    );
  }
  await writeFile(file, String(process.pid));
}

/** Releases the claim (on a clean shutdown). */
export async function unlockDataDir(dataDir: string): Promise<void> {
  await rm(path.join(dataDir, LOCK_FILE), { force: true });
}
