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

const sheet = rules(css);

function colour(selector: string, property: 'color' | 'background'): string {
  let value = sheet.get(selector)?.get(property);
  for (let depth = 0; value?.startsWith('var(') && depth < 5; depth++) {
    value = sheet.get(':root')?.get(value.slice(4, -1).trim());
  }
  if (!value || !/^#[0-9a-f]{6}$/i.test(value)) {
    throw new Error(`${selector} has no plain ${property}: ${value ?? 'none'}`);
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

test('small text keeps at least 4.5:1 contrast on the tinted backgrounds it sits on', () => {
  // [text colour from, background from]: where the text is drawn in the console.
  const pairs: [string, string][] = [
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
  const low = pairs
    .map(([text, background]) => ({
      text,
      background,
      ratio: Math.floor(contrast(colour(text, 'color'), colour(background, 'background')) * 100),
    }))
    .filter(({ ratio }) => ratio < 450)
    .map(({ text, background, ratio }) => `${text} on ${background}: ${ratio / 100}`);
  expect(low).toEqual([]);
});
