/**
 * The repository root, found by walking up to the folder holding pnpm-workspace.yaml. Paths to
 * other packages' files (the built widget and console) start here, not at this module, because
 * this module runs from two depths: server/src/ under tsx and Vitest, server/dist/main.js when
 * bundled for production.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const MARKER = 'pnpm-workspace.yaml';

/** The nearest folder at or above `from` that contains pnpm-workspace.yaml. */
export function findRepoDir(from: string = path.dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, MARKER))) return dir;
    if (path.dirname(dir) === dir) {
      throw new Error(`No ${MARKER} in ${from} or any folder above it: is this a Parley checkout?`);
    }
  }
}
