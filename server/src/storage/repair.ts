/**
 * `repair`: makes a damaged data directory start again. Each journal with damaged or torn lines
 * is copied whole to `<journal>.damaged-<time>` (nothing is lost), then rewritten atomically with
 * only its readable records. Run it with Parley stopped; it takes the same lock as a start.
 */
import { copyFile } from 'node:fs/promises';
import { lockDataDir } from './data-dir-lock';
import { fsyncDirectory, fsyncFile, writeFileAtomic } from './durable-fs';
import { listJournals, parseJournal } from './journal-files';

/** Repairs the journals of `dataDir`; returns one line per change, for the operator. */
export async function repairDataDir(dataDir: string, now = new Date()): Promise<string[]> {
  const lock = await lockDataDir(dataDir);
  try {
    const report: string[] = [];
    const stamp = now.toISOString().replace(/[:.]/g, '-');
    for (const file of await listJournals(dataDir)) {
      const content = await parseJournal(file.path);
      const removed = [...content.damaged, ...(content.torn ? [content.torn] : [])];
      if (removed.length === 0) continue;
      const copy = `${file.path}.damaged-${stamp}`;
      await copyFile(file.path, copy);
      await fsyncFile(copy);
      await fsyncDirectory(dataDir);
      await writeFileAtomic(file.path, content.lines.join(''));
      const lines = removed.map((damage) => damage.line).join(', ');
      report.push(`${file.path}: removed line(s) ${lines}; the original is kept as ${copy}`);
    }
    return report;
  } finally {
    await lock.release();
  }
}
