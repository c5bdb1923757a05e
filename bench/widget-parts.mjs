/**
 * Question: what does one part of the widget (attachments, say) cost a visitor?
 *
 * Builds the panel once more with a source map, blanks every byte of the panel chunk that comes
 * from the part's sources (and its stylesheet, which is inlined as a string), and reports how much
 * smaller the chunk gets with gzip -9: the bytes the part adds to what a visitor downloads.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { SourceMapConsumer } from 'source-map-js';

/**
 * @typedef {{ name: string; sources: RegExp; cssMarker?: string }} Part
 * `cssMarker` is text that begins the part's inlined stylesheet (its first selector).
 */

/** The parts bench:size reports. */
export const PARTS = /** @type {Part[]} */ ([
  {
    name: 'attachments',
    sources: /\/widget\/src\/attachments\/|\/shared\/src\/file-kind\.ts$/,
    cssMarker: '.attach{',
  },
]);

/**
 * Gzip bytes each part adds to the panel chunk.
 * @param {string} widgetDir
 * @param {Part[]} parts
 * @returns {Promise<{ name: string; gzip: number }[]>}
 */
export async function measureParts(widgetDir, parts = PARTS) {
  const outDir = await mkdtemp(path.join(tmpdir(), 'parley-widget-parts-'));
  try {
    const vite = path.join(widgetDir, 'node_modules/vite/bin/vite.js');
    const { NODE_ENV: _mode, ...env } = process.env;
    execFileSync(
      process.execPath,
      [vite, 'build', '--sourcemap', '--outDir', outDir, '--logLevel', 'error'],
      { cwd: widgetDir, env: { ...env, NODE_ENV: 'production' }, stdio: 'pipe' },
    );
    const assets = path.join(outDir, 'assets');
    const app = (await readdir(assets)).find((name) => /^app-.*\.js$/.test(name));
    if (!app) throw new Error('no panel chunk (app-*.js) in the build');
    const code = await readFile(path.join(assets, app), 'utf8');
    const map = new SourceMapConsumer(
      JSON.parse(await readFile(path.join(assets, `${app}.map`), 'utf8')),
    );
    const whole = gzipSync(code, { level: 9 }).length;
    return parts.map((part) => ({
      name: part.name,
      gzip: whole - gzipSync(without(code, map, part), { level: 9 }).length,
    }));
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
}

/**
 * The chunk with the part's bytes blanked out.
 * @param {string} code
 * @param {SourceMapConsumer} map
 * @param {Part} part
 */
function without(code, map, part) {
  const lines = code.split('\n').map((line) => [...line]);
  /** @type {{ generatedLine: number; generatedColumn: number; source: string | null } | null} */
  let previous = null;
  map.eachMapping((mapping) => {
    if (
      previous?.source &&
      part.sources.test(previous.source) &&
      previous.generatedLine === mapping.generatedLine
    ) {
      const line = lines[previous.generatedLine - 1] ?? [];
      for (let i = previous.generatedColumn; i < mapping.generatedColumn; i++) line[i] = '';
    }
    previous = mapping;
  });
  let result = lines.map((line) => line.join('')).join('\n');
  if (part.cssMarker) {
    // The stylesheet is a template literal: from its first selector to the closing backtick.
    const start = result.indexOf(part.cssMarker);
    const end = start < 0 ? -1 : result.indexOf('`', start);
    if (end > start) result = result.slice(0, start) + result.slice(end);
  }
  return result;
}
