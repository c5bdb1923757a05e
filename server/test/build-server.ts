/**
 * Vitest globalSetup: builds dist/main.js once before the tests, so the tests that spawn the
 * server run the same bundle production runs, and `pnpm test:unit` works on a fresh clone.
 * It runs the package's own build script, so tests cannot drift from `pnpm build`.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BUILD_SCRIPT = fileURLToPath(new URL('../build.mjs', import.meta.url));

export default function buildServer(): void {
  execFileSync(process.execPath, [BUILD_SCRIPT], { stdio: 'inherit' });
}
