/** Real customer-service articles (vi, ro, tl, pl) used as message content. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { FIXTURE_TEXTS_DIR } from './paths';

const FILES = {
  vi: '000_b5be1a9b986a9d95.txt',
  ro: '001_5c2c2e036ab9063b.txt',
  tl: '002_792c81e68d41e6a2.txt',
  pl: '003_d06e808943f64f42.txt',
  vi2: '004_eff9bdcb683a09b6.txt',
} as const;

/** The article's paragraphs, in order, with surrounding blank space removed. */
export function paragraphs(text: keyof typeof FILES): string[] {
  const content = readFileSync(path.join(FIXTURE_TEXTS_DIR, FILES[text]), 'utf8');
  return content
    .split(/\r?\n\s*\r?\n/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph.length > 0);
}

/** The `index`-th paragraph of at least `minLength` characters. */
export function paragraph(text: keyof typeof FILES, index = 0, minLength = 120): string {
  const found = paragraphs(text).filter((p) => p.length >= minLength)[index];
  if (!found)
    throw new Error(`${FILES[text]} has no paragraph #${index} of ${minLength}+ characters`);
  return found;
}

/** The `index`-th line of `text` that is a sentence of its own (headings and bullets included). */
export function line(text: keyof typeof FILES, index: number): string {
  const lines = paragraphs(text)
    .flatMap((p) => p.split(/\r?\n/))
    .map((l) => l.trim())
    .filter((l) => l.length >= 20 && l.length <= 200);
  const found = lines[index];
  if (!found) throw new Error(`${FILES[text]} has no line #${index}`);
  return found;
}
