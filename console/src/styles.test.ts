import { expect, test } from 'vitest';
import css from './styles.css?raw';

/** Innermost rule blocks (so rules inside @media count too), keyed by each selector of the list. */
function rules(source: string): Map<string, Map<string, string>> {
  const found = new Map<string, Map<string, string>>();
  for (const [, selectors = '', body = ''] of source
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .matchAll(/([^{}]+)\{([^{}]*)\}/g)) {
    const declarations = new Map<string, string>();
    for (const line of body.split(';')) {
      const colon = line.indexOf(':');
      if (colon > 0) declarations.set(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
    }
    for (const selector of selectors.split(',')) {
      const key = selector.trim();
      found.set(key, new Map([...(found.get(key) ?? []), ...declarations]));
    }
  }
  return found;
}

const DARK = '@media (prefers-color-scheme: dark)';

/** The dark scheme's block and the sheet without it (the light scheme, as drawn by default). */
function splitSchemes(source: string): { light: string; dark: string } {
  const start = source.indexOf(DARK);
  if (start === -1) throw new Error('the stylesheet has no dark scheme');
  let depth = 0;
  let end = source.indexOf('{', start);
  for (; end < source.length; end++) {
    if (source[end] === '{') depth++;
    if (source[end] === '}' && --depth === 0) break;
  }
  return {
    light: source.slice(0, start) + source.slice(end + 1),
    dark: source.slice(start, end + 1),
  };
}

const schemes = splitSchemes(css);
const sheet = rules(schemes.light);
type Scheme = 'light' | 'dark';
const palettes: Record<Scheme, Map<string, string>> = {
  light: sheet.get(':root') ?? new Map(),
  dark: new Map([...(sheet.get(':root') ?? []), ...(rules(schemes.dark).get(':root') ?? [])]),
};

function colour(selector: string, property: 'color' | 'background', scheme: Scheme): string {
  let value = sheet.get(selector)?.get(property);
  for (let depth = 0; value?.startsWith('var(') && depth < 5; depth++) {
    value = palettes[scheme].get(value.slice(4, -1).trim());
  }
  if (!value || !/^#[0-9a-f]{6}$/i.test(value)) {
    throw new Error(
      `${selector} has no plain ${property} in the ${scheme} scheme: ${value ?? 'none'}`,
    );
  }
  return value;
}

function luminance(hex: string): number {
  const [r = 0, g = 0, b = 0] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return ((light ?? 0) + 0.05) / ((dark ?? 0) + 0.05);
}

// [text colour from, background from]: where small text is drawn in the console.
const SMALL_TEXT: [string, string][] = [
  ['.row-time', '.conversation-row.is-selected'],
  ['.row-time', '.conversation-row:hover'],
  ['.row-preview', '.conversation-row.is-selected'],
  ['.message-system', '.message-system'],
  ['.message-meta', '.conversation'],
  ['.seen', '.conversation'],
  ['.typing', '.conversation'],
  ['.tab', 'body'],
  ['.tab', '.inbox'],
  ['.tab-count', '.tab-count'],
  ['.inbox-caption', '.inbox'],
  ['.empty', '.inbox'],
  ['.fact dt', '.visitor'],
  ['.facts h3', '.visitor'],
  ['.hint', 'body'],
  ['.table th', '.card'],
  ['.chip-muted', '.chip-muted'],
  ['.chip-warning', '.chip-warning'],
  ['.pill-success', '.pill-success'],
  ['.badge-success', '.badge-success'],
  ['.nps-promoter', '.nps-promoter'],
  ['.file-chip-size', '.file-chip'],
  ['.file-chip-error', '.file-chip'],
  ['.attachment-meta', '.attachment-card'],
];

// Text whose colours only the dark scheme changes: body text, links, and text on the accents.
const DARK_ONLY: [string, string][] = [
  ['body', 'body'],
  ['a', '.inbox'],
  ['.muted', '.visitor'],
  ['.button-primary', '.button-primary'],
  ['.button-danger', '.button-danger'],
  ['.message-agent .bubble', '.message-agent .bubble'],
  ['.message-note .bubble', '.message-note .bubble'],
  ['.notice-error', '.notice-error'],
  ['.notice-info', '.notice-info'],
  ['.notice-success', '.notice-success'],
  ['.rail-item', '.rail'],
  ['.unread-badge', '.unread-badge'],
];

function lowContrast(pairs: [string, string][], scheme: Scheme): string[] {
  return pairs
    .map(([text, background]) => ({
      text,
      background,
      ratio: Math.floor(
        contrast(colour(text, 'color', scheme), colour(background, 'background', scheme)) * 100,
      ),
    }))
    .filter(({ ratio }) => ratio < 450)
    .map(({ text, background, ratio }) => `${text} on ${background}: ${ratio / 100}`);
}

test('small text keeps at least 4.5:1 contrast on the tinted backgrounds it sits on', () => {
  expect(lowContrast(SMALL_TEXT, 'light')).toEqual([]);
});

test('in the dark scheme, small text, body text and text on the accents keep at least 4.5:1', () => {
  expect(lowContrast([...SMALL_TEXT, ...DARK_ONLY], 'dark')).toEqual([]);
});

test('the dark scheme changes the palette only, so no rule keeps a light colour of its own', () => {
  // The installation snippet is a code block, dark in both schemes.
  const literal = [...rules(schemes.light)]
    .filter(([selector]) => selector !== ':root' && !selector.startsWith('.snippet'))
    .flatMap(([selector, declarations]) =>
      [...declarations]
        .filter(
          ([property, value]) => !property.startsWith('--') && /#[0-9a-f]{3,8}\b/i.test(value),
        )
        .map(([property]) => `${selector} { ${property} }`),
    );
  expect(literal).toEqual([]);
});
