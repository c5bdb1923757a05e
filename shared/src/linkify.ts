/**
 * Splits message text into plain text and links, the same way in the widget and the console, so
 * a message shows the same links on both sides. Only http and https become links; everything
 * else stays text, rendered as text (never as HTML).
 */

/** A run of text, or a link with the href it opens. */
export type TextPart =
  { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

const URL_PATTERN = /\bhttps?:\/\/[^\s<>"]+/gi;
// Punctuation that ends a sentence rather than a URL: "see https://x.example/a."
const TRAILING = /[.,;:!?'’»)\]]+$/;

/** The parts of `text`, in order. */
export function linkify(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const start = match.index;
    const url = trimTrailing(match[0]);
    const href = safeHref(url);
    if (!href) continue;
    if (start > last) parts.push({ kind: 'text', text: text.slice(last, start) });
    parts.push({ kind: 'link', text: url, href });
    last = start + url.length;
  }
  if (last < text.length) parts.push({ kind: 'text', text: text.slice(last) });
  return parts;
}

function trimTrailing(url: string): string {
  let trimmed = url.replace(TRAILING, '');
  // Keep a closing parenthesis that belongs to the URL (Wikipedia-style links).
  const rest = url.slice(trimmed.length);
  const open = (trimmed.match(/\(/g) ?? []).length;
  const close = (trimmed.match(/\)/g) ?? []).length;
  if (rest.startsWith(')') && open > close) trimmed += ')';
  return trimmed;
}

/** The URL if it parses as http or https, else null. */
export function safeHref(candidate: string | null | undefined): string | null {
  if (!candidate) return null;
  try {
    const url = new URL(candidate);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}
