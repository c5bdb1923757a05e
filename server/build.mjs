#!/usr/bin/env node
/**
 * Bundles src/main.ts into dist/main.js, the file production runs with plain `node`.
 *
 * Workspace packages (@parley/*) are bundled in: their package.json `exports` point at TypeScript
 * sources, which `node` cannot load. Every npm package stays external and is loaded from
 * node_modules at run time, so `pnpm install --prod` plus dist/ is a complete install. An
 * external that is not in this package's `dependencies` fails the build: a devDependency would be
 * missing from a production install and only fail when that code path first runs.
 *
 * Run: pnpm --filter @parley/server build   (or `node server/build.mjs`)
 */
import { readFile } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const SERVER_DIR = fileURLToPath(new URL('./', import.meta.url));
const manifest = JSON.parse(await readFile(new URL('./package.json', import.meta.url), 'utf8'));
const runtimeDependencies = new Set(Object.keys(manifest.dependencies ?? {}));
const builtins = new Set(builtinModules);

/** `@scope/name/sub/path` → `@scope/name`; `name/sub` → `name`. */
function packageName(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** @type {esbuild.Plugin} */
const externalNpmPackages = {
  name: 'external-npm-packages',
  setup(build) {
    // Bare specifiers only: relative and absolute paths are our own sources.
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('node:') || builtins.has(args.path)) {
        return { path: args.path, external: true };
      }
      const name = packageName(args.path);
      if (name.startsWith('@parley/')) return undefined;
      if (!runtimeDependencies.has(name)) {
        return {
          errors: [
            {
              text: `"${name}" is imported at run time but is not in @parley/server's dependencies`,
            },
          ],
        };
      }
      return { path: args.path, external: true };
    });
  },
};

/** Builds dist/main.js (and its source map); resolves once it is written. */
export async function buildServer() {
  await esbuild.build({
    absWorkingDir: SERVER_DIR,
    entryPoints: ['src/main.ts'],
    outfile: 'dist/main.js',
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    sourcemap: true,
    plugins: [externalNpmPackages],
    logLevel: 'warning',
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildServer();
