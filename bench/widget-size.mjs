#!/usr/bin/env node
/**
 * Question: how much does the chat widget cost a page?
 *
 * Measures widget/dist as the server sends it (like server/src/http/static-bundle.ts: the
 * build's Zopfli `.gz` of a file where it has one, else gzip level 9; brotli quality 11): what every page view downloads before the visitor opens
 * the chat (widget.js), and everything once the chat is open (the panel's module graph plus the
 * largest locale chunk, since a visitor loads at most one). Prints a table and the command that
 * reproduces it, and exits 1 when a budget is exceeded.
 *
 * Run: pnpm bench:size   (builds the widget first)
 *      node bench/widget-size.mjs [distDir]   (measures an existing build)
 */
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { brotliCompressSync, constants, gunzipSync, gzipSync } from 'node:zlib';
import { measureParts } from './widget-parts.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Gzip budgets in bytes: the product's promise to site owners. */
export const BUDGETS = { beforeOpen: 8 * 1024, total: 40 * 1024 };

/** The command printed under the table. */
export const COMMAND = 'pnpm bench:size';

/**
 * @typedef {{ file: string; raw: number; gzip: number; brotli: number }} FileSize
 * @typedef {{ raw: number; gzip: number; brotli: number }} Totals
 * @typedef {{ beforeOpen: FileSize[]; afterOpen: FileSize[]; notLoaded: FileSize[];
 *   totals: { beforeOpen: Totals; total: Totals } }} Measurement
 */

/**
 * Compressed sizes of one file's bytes.
 * @param {string} file
 * @param {Buffer} bytes
 * @param {Buffer | null} [gz] the build's gzip of the file, sent instead when it holds these bytes
 * @returns {FileSize}
 */
export function sizeOf(file, bytes, gz = null) {
  const sent = gz && gunzipSync(gz).equals(bytes) ? gz : gzipSync(bytes, { level: 9 });
  return {
    file,
    raw: bytes.length,
    gzip: sent.length,
    brotli: brotliCompressSync(bytes, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11 },
    }).length,
  };
}

/**
 * Relative imports of an ES chunk: `static` ones load with it, `dynamic` ones on demand.
 * @param {string} code
 */
export function importsOf(code) {
  const found = { static: new Set(), dynamic: new Set() };
  for (const m of code.matchAll(/import\(\s*["'`](\.\/[^"'`]+)["'`]\s*\)/g))
    found.dynamic.add(m[1]);
  for (const m of code.matchAll(
    /(?:^|[;}\s])(?:import|export)\s*(?:[\w$*{}\s,]+?\s*from\s*)?["'](\.\/[^"']+)["']/g,
  )) {
    found.static.add(m[1]);
  }
  return { static: [...found.static], dynamic: [...found.dynamic] };
}

/**
 * Measures a widget build.
 * @param {string} distDir
 * @param {readonly string[]} locales locale codes, whose chunks are alternatives to each other
 * @returns {Promise<Measurement>}
 */
export async function measure(distDir, locales) {
  const loaderCode = await readFile(path.join(distDir, 'widget.js'));
  /** @param {string} file */
  const gzOf = (file) => readFile(`${file}.gz`).catch(() => null);
  const entry = /\/widget\/assets\/([\w.-]+\.js)/.exec(loaderCode.toString('utf8'))?.[1];
  if (!entry) throw new Error('widget.js does not reference a panel chunk in /widget/assets/');

  const assetsDir = path.join(distDir, 'assets');
  /** @type {Map<string, Buffer>} */
  const files = new Map();
  /** @type {Map<string, Buffer | null>} */
  const gzips = new Map();
  for (const name of await readdir(assetsDir)) {
    // Source maps are for developers and .gz files are another form of a file: neither is sent
    // to a visitor as a file of its own.
    if (name.endsWith('.map') || name.endsWith('.gz')) continue;
    const full = path.join(assetsDir, name);
    files.set(name, await readFile(full));
    gzips.set(name, await gzOf(full));
  }

  // The panel's static module graph loads as a whole; dynamic imports are collected separately.
  /** @type {Set<string>} */
  const graph = new Set();
  /** @type {Set<string>} */
  const dynamic = new Set();
  /** @param {string} name */
  const visit = (name) => {
    if (graph.has(name)) return;
    const bytes = files.get(name);
    if (!bytes) throw new Error(`the panel imports ${name}, which is not in ${assetsDir}`);
    graph.add(name);
    const { static: direct, dynamic: later } = importsOf(bytes.toString('utf8'));
    for (const spec of later) dynamic.add(path.posix.basename(spec));
    for (const spec of direct) visit(path.posix.basename(spec));
  };
  visit(entry);

  /** @param {string} name */
  const isLocale = (name) => locales.some((code) => name.startsWith(`${code}-`));
  /** @param {string} name */
  const sized = (name) =>
    sizeOf(`assets/${name}`, /** @type {Buffer} */ (files.get(name)), gzips.get(name));
  const afterOpen = [...graph].map(sized);
  const localeChunks = [...dynamic].filter((n) => !graph.has(n) && isLocale(n)).map(sized);
  const otherLazy = [...dynamic].filter((n) => !graph.has(n) && !isLocale(n)).map(sized);
  // A visitor loads one locale at most: count the heaviest, report the others as not loaded.
  localeChunks.sort((a, b) => b.gzip - a.gzip);
  const heaviestLocale = localeChunks.slice(0, 1);
  afterOpen.push(
    ...otherLazy,
    ...heaviestLocale.map((s) => ({ ...s, file: `${s.file} (largest locale)` })),
  );

  const counted = new Set(
    [...graph, ...otherLazy.map((s) => s.file), ...heaviestLocale.map((s) => s.file)].map((f) =>
      path.posix.basename(f),
    ),
  );
  const notLoaded = [...files.keys()].filter((n) => !counted.has(n)).map(sized);
  const beforeOpen = [sizeOf('widget.js', loaderCode, await gzOf(path.join(distDir, 'widget.js')))];
  return {
    beforeOpen,
    afterOpen,
    notLoaded,
    totals: { beforeOpen: sum(beforeOpen), total: sum([...beforeOpen, ...afterOpen]) },
  };
}

/**
 * @param {FileSize[]} sizes
 * @returns {Totals}
 */
function sum(sizes) {
  return sizes.reduce(
    (t, s) => ({ raw: t.raw + s.raw, gzip: t.gzip + s.gzip, brotli: t.brotli + s.brotli }),
    {
      raw: 0,
      gzip: 0,
      brotli: 0,
    },
  );
}

/**
 * Which budgets the totals exceed.
 * @param {{ beforeOpen: Totals; total: Totals }} totals
 * @param {{ beforeOpen: number; total: number }} [budgets]
 * @returns {{ ok: boolean; failures: string[] }}
 */
export function checkBudgets(totals, budgets = BUDGETS) {
  const failures = [];
  if (totals.beforeOpen.gzip > budgets.beforeOpen) {
    failures.push(
      `before opening: ${kb(totals.beforeOpen.gzip)} gzip > budget ${kb(budgets.beforeOpen)}`,
    );
  }
  if (totals.total.gzip > budgets.total) {
    failures.push(`everything: ${kb(totals.total.gzip)} gzip > budget ${kb(budgets.total)}`);
  }
  return { ok: failures.length === 0, failures };
}

/** @param {number} bytes */
function kb(bytes) {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

/**
 * The report as text.
 * @param {Measurement} m
 * @param {{ beforeOpen: number; total: number }} [budgets]
 */
export function formatReport(m, budgets = BUDGETS) {
  /** @type {string[][]} */
  const rows = [['', 'file', 'raw', 'gzip', 'brotli']];
  /** @param {string} stage @param {FileSize} s */
  const line = (stage, s) => rows.push([stage, s.file, kb(s.raw), kb(s.gzip), kb(s.brotli)]);
  m.beforeOpen.forEach((s, i) => line(i === 0 ? 'before open' : '', s));
  m.afterOpen.forEach((s, i) => line(i === 0 ? 'once open' : '', s));
  rows.push(['', '', '', '', '']);
  /** @param {number} value @param {number} budget */
  const verdict = (value, budget) =>
    `${value <= budget ? 'OK  ' : 'OVER'} budget ${kb(budget)} gzip`;
  rows.push([
    'TOTAL before open',
    '',
    kb(m.totals.beforeOpen.raw),
    kb(m.totals.beforeOpen.gzip),
    kb(m.totals.beforeOpen.brotli),
    verdict(m.totals.beforeOpen.gzip, budgets.beforeOpen),
  ]);
  rows.push([
    'TOTAL everything',
    '',
    kb(m.totals.total.raw),
    kb(m.totals.total.gzip),
    kb(m.totals.total.brotli),
    verdict(m.totals.total.gzip, budgets.total),
  ]);
  const widths = Array.from({ length: 6 }, (_, col) =>
    Math.max(...rows.map((r) => (r[col] ?? '').length)),
  );
  const pad = (/** @type {string} */ cell, /** @type {number} */ col) => {
    const width = widths[col] ?? 0;
    return col >= 2 && col <= 4 ? cell.padStart(width) : cell.padEnd(width);
  };
  const text = rows.map((r) => r.map(pad).join('  ').trimEnd()).join('\n');
  const skipped = m.notLoaded.length
    ? `\nNot downloaded by a visitor (other locales): ${m.notLoaded.map((s) => `${s.file} ${kb(s.gzip)}`).join(', ')}`
    : '';
  return `Parley widget size (KB = 1024 bytes; gzip as the build's Zopfli .gz, else -9, and brotli q11, as the server sends them)\n\n${text}\n${skipped}\n\nReproduce: ${COMMAND}\n`;
}

/** Locale codes from widget/src/i18n. */
async function localeCodes() {
  const dir = path.join(here, '../widget/src/i18n');
  return (await readdir(dir))
    .filter((f) => f.endsWith('.ts') && !f.includes('.test.'))
    .map((f) => f.replace(/\.ts$/, ''));
}

async function main() {
  const distDir = path.resolve(process.argv[2] ?? path.join(here, '../widget/dist'));
  const m = await measure(distDir, await localeCodes());
  process.stdout.write(formatReport(m));
  const parts = await measureParts(path.join(here, '../widget'));
  process.stdout.write(
    `\nParts of the panel chunk (gzip -9 bytes of their own files and stylesheet; the lines that use\nthem elsewhere are not counted):\n${parts
      .map((p) => `  ${p.name.padEnd(14)} ${kb(p.gzip)}`)
      .join('\n')}\n`,
  );
  const { ok, failures } = checkBudgets(m.totals);
  if (!ok) {
    process.stderr.write(`\nBudget exceeded:\n  ${failures.join('\n  ')}\n`);
    process.exitCode = 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  });
}
