/**
 * Naming, listing, reading and pruning the `journal-<generation>.ndjson` files of a data
 * directory. Generations only grow: db.json names the first generation it does not include.
 */
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';

const JOURNAL_NAME = /^journal-(\d+)\.ndjson$/;

/** A journal file found on disk. */
export interface JournalFile {
  generation: number;
  path: string;
}

/** Where the journal of `generation` lives. */
export function journalPath(dir: string, generation: number): string {
  return join(dir, `journal-${generation}.ndjson`);
}

/** Every journal file in `dir`, oldest generation first. */
export async function listJournals(dir: string): Promise<JournalFile[]> {
  const files: JournalFile[] = [];
  for (const name of await readdir(dir)) {
    const match = JOURNAL_NAME.exec(name);
    if (match?.[1] !== undefined)
      files.push({ generation: Number(match[1]), path: join(dir, name) });
  }
  return files.sort((a, b) => a.generation - b.generation);
}

/**
 * The records of one journal, in order. An unparseable last line is a write torn by a crash (it
 * was never acknowledged) and is skipped; an unparseable line anywhere else is corruption.
 */
export async function readJournal(path: string): Promise<unknown[]> {
  const lines = (await readFile(path, 'utf8')).split('\n');
  // A complete journal ends with a newline, which leaves one empty string after the split.
  if (lines.at(-1) === '') lines.pop();
  const records: unknown[] = [];
  for (const [index, line] of lines.entries()) {
    try {
      records.push(JSON.parse(line));
    } catch (error) {
      if (index === lines.length - 1) break;
      throw new Error(`${path} is corrupt at line ${index + 1}`, { cause: error });
    }
  }
  return records;
}

/** Deletes the journals of generations older than `generation` (already in db.json). */
export async function deleteJournalsBefore(dir: string, generation: number): Promise<void> {
  for (const file of await listJournals(dir)) {
    if (file.generation < generation) await rm(file.path, { force: true });
  }
}
