/** The relay runs from its bundle and serves the built widget and console: refuse a missing build. */
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { CONSOLE_BUNDLE, SCREENSHOTS_DIR, SERVER_MAIN, WIDGET_BUNDLE } from './paths';

export default async function globalSetup(): Promise<void> {
  const missing = [SERVER_MAIN, WIDGET_BUNDLE, CONSOLE_BUNDLE].filter((file) => !existsSync(file));
  if (missing.length > 0) {
    throw new Error(
      `Not built: ${missing.join(', ')}. Run \`pnpm build\` at the repository root first.`,
    );
  }
  await rm(SCREENSHOTS_DIR, { recursive: true, force: true });
}
