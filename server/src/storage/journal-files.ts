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

/** The command that repairs a data directory, named in every damage message. */
export const REPAIR_COMMAND =
  'node server/dist/main.js repair (or: pnpm repair), with the same DATA_DIR';

/** A journal line that is not a record: where, and how it starts. */
export interface DamagedLine {
  /** 1-based line number. */
  line: number;
  /** The first characters of the line, for the log. */
  preview: string;
  /** Its length in bytes. */
  bytes: number;
}

/** What one journal holds. */
export interface JournalContent {
  records: unknown[];
  /** The complete lines, as written (each with its newline); the records came from these. */
  lines: string[];
  /** A last line without its newline that does not parse: a write cut by a crash, never acknowledged. */
  torn: DamagedLine | null;
  /** Complete lines (ending in a newline) that do not parse: damage no crash explains. */
  damaged: DamagedLine[];
}

function describe(line: string, index: number): DamagedLine {
  return {
    line: index + 1,
    preview: JSON.stringify(line.slice(0, 60)),
    bytes: Buffer.byteLength(line),
  };
}

/**
 * Reads one journal. Every record ends with its newline, and the newline is written last, so only
 * an unterminated last line can be a write torn by a crash; an unparseable line that ends with a
 * newline is damage (garbage in the middle, or appended after the last record).
 */
export async function parseJournal(path: string): Promise<JournalContent> {
  const text = await readFile(path, 'utf8');
  const parts = text.split('\n');
  const tail = parts.pop() ?? '';
  const content: JournalContent = { records: [], lines: [], torn: null, damaged: [] };
  for (const [index, line] of parts.entries()) {
    try {
      content.records.push(JSON.parse(line));
      content.lines.push(`${line}\n`);
    } catch {
      content.damaged.push(describe(line, index));
    }
  }
  // Even a tail that parses lost its newline, so its batch was never acknowledged.
  if (tail !== '') content.torn = describe(tail, parts.length);
  return content;
}

/**
 * The records of one journal, in order, for a start. A torn last line is dropped and reported
 * through `onTorn`; damage anywhere else stops the start with the file, the line and the repair.
 */
export async function readJournal(
  path: string,
  onTorn: (torn: DamagedLine) => void = () => undefined,
): Promise<unknown[]> {
  const content = await parseJournal(path);
  const [first] = content.damaged;
  if (first) {
    throw new Error(
      `${path} is damaged at line ${first.line} (${first.bytes} bytes starting ${first.preview})` +
        `${content.damaged.length > 1 ? ` and ${content.damaged.length - 1} more line(s)` : ''}. ` +
        `This is not a write cut by a crash. To move the damaged lines aside (a copy is kept) and start with the rest, stop Parley and run: ${REPAIR_COMMAND}`,
    );
  }
  if (content.torn) onTorn(content.torn);
  return content.records;
}

/** Deletes the journals of generations older than `generation` (already in db.json). */
export async function deleteJournalsBefore(dir: string, generation: number): Promise<void> {
  for (const file of await listJournals(dir)) {
    if (file.generation < generation) await rm(file.path, { force: true });
  }
}
