/** Pictures of every state, kept per run in e2e/screenshots/ (ignored by git). */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { SCREENSHOTS_DIR } from './paths';

/** Saves a screenshot of `target` (a page: its viewport; a locator: that element) as `name`.png. */
export async function picture(target: Page | Locator, name: string): Promise<void> {
  await mkdir(SCREENSHOTS_DIR, { recursive: true });
  await target.screenshot({
    path: path.join(SCREENSHOTS_DIR, `${name}.png`),
    animations: 'disabled',
    caret: 'hide',
  });
}
