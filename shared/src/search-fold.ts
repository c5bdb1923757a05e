/**
 * How search compares text: without letter case or accents, so "zielinska" finds "Zielińska" and
 * "nguyen" finds "Nguyễn". The same folding runs in the embedded store, in the console's
 * highlighting, and (as lower(unaccent(…))) in PostgreSQL; the store contract checks they agree.
 */

/** Letters that carry no combining mark to strip, spelled as unaccent spells them. */
const LETTERS: Record<string, string> = {
  ł: 'l',
  Ł: 'l',
  đ: 'd',
  Đ: 'd',
  ð: 'd',
  Ð: 'd',
  ø: 'o',
  Ø: 'o',
  ß: 'ss',
  æ: 'ae',
  Æ: 'ae',
  œ: 'oe',
  Œ: 'oe',
  ı: 'i',
  ħ: 'h',
  Ħ: 'h',
  þ: 'th',
  Þ: 'th',
};

const MARKS = /\p{M}/gu;
const folded = new Map<string, string>();

/** One character (code point), folded: lower case, no accents; may be empty or two letters. */
export function foldCharacter(character: string): string {
  let result = folded.get(character);
  if (result === undefined) {
    result = LETTERS[character] ?? character.normalize('NFD').replace(MARKS, '').toLowerCase();
    if (folded.size < 10_000) folded.set(character, result);
  }
  return result;
}

/** Text as search compares it. */
export function foldForSearch(text: string): string {
  let result = '';
  for (const character of text) result += foldCharacter(character);
  return result;
}

/**
 * Where `query` occurs in `text`, ignoring case and accents, as [start, end) ranges of `text`
 * (UTF-16 offsets), for highlighting a match. An empty query matches nothing.
 */
export function matchRanges(text: string, query: string): Array<[number, number]> {
  const needle = foldForSearch(query.trim());
  if (!needle) return [];
  let haystack = '';
  // For each folded code unit, the offset in `text` of the character it came from.
  const origins: number[] = [];
  let offset = 0;
  for (const character of text) {
    const piece = foldCharacter(character);
    for (let unit = 0; unit < piece.length; unit += 1) origins.push(offset);
    haystack += piece;
    offset += character.length;
  }
  origins.push(text.length);
  const ranges: Array<[number, number]> = [];
  for (
    let at = haystack.indexOf(needle);
    at !== -1;
    at = haystack.indexOf(needle, at + needle.length)
  ) {
    const start = origins[at]!;
    const lastOrigin = origins[at + needle.length - 1]!;
    const end = lastOrigin + (text.codePointAt(lastOrigin)! > 0xffff ? 2 : 1);
    ranges.push([start, end]);
  }
  return ranges;
}
