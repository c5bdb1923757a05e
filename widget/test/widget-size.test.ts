// @vitest-environment node
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BUDGETS,
  checkBudgets,
  formatReport,
  importsOf,
  measure,
} from '../../bench/widget-size.mjs';

const widgetDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const LOCALES = ['en', 'vi', 'ro', 'tl', 'pl'];
const totals = (beforeOpen: number, total: number) => ({
  beforeOpen: { raw: 0, gzip: beforeOpen, brotli: 0 },
  total: { raw: 0, gzip: total, brotli: 0 },
});

describe('the size budgets', () => {
  it('fail when the loader grows past 8 KB gzip', () => {
    const result = checkBudgets(totals(BUDGETS.beforeOpen + 1, 20_000));
    expect(result.ok).toBe(false);
    expect(result.failures[0]).toContain('before opening');
  });

  it('fail when everything together grows past 40 KB gzip', () => {
    const result = checkBudgets(totals(4_000, BUDGETS.total + 1));
    expect(result.ok).toBe(false);
    expect(result.failures[0]).toContain('everything');
  });

  it('pass at exactly the budget', () => {
    expect(checkBudgets(totals(BUDGETS.beforeOpen, BUDGETS.total)).ok).toBe(true);
  });

  it('follow static imports of the panel but not lazy ones', () => {
    const found = importsOf(
      'import{a as b}from"./preact-1.js";import"./side-2.js";const l=()=>import("./vi-3.js");',
    );
    expect(found.static).toEqual(['./preact-1.js', './side-2.js']);
    expect(found.dynamic).toEqual(['./vi-3.js']);
  });
});

describe('the real build', () => {
  let outDir = '';

  beforeAll(() => {
    outDir = mkdtempSync(path.join(tmpdir(), 'parley-widget-'));
    const vite = path.join(widgetDir, 'node_modules/vite/bin/vite.js');
    // Vitest sets NODE_ENV=test, which would give a development build; measure what ships.
    const { NODE_ENV: _testEnv, ...env } = process.env;
    execFileSync(process.execPath, [vite, 'build', '--outDir', outDir, '--logLevel', 'error'], {
      cwd: widgetDir,
      env: { ...env, NODE_ENV: 'production' },
      stdio: 'pipe',
    });
  }, 60_000);

  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('stays within both budgets', async () => {
    const m = await measure(outDir, LOCALES);
    const result = checkBudgets(m.totals);
    expect(result.failures).toEqual([]);
    expect(m.beforeOpen.map((s) => s.file)).toEqual(['widget.js']);
  });

  it('loads only one locale chunk (English is one like the others), never all of them', async () => {
    const m = await measure(outDir, LOCALES);
    expect(m.afterOpen.filter((s) => s.file.includes('largest locale'))).toHaveLength(1);
    expect(m.notLoaded).toHaveLength(LOCALES.length - 1);
    expect(formatReport(m)).toContain('Reproduce: pnpm bench:size');
  });
});
