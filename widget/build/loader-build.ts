/**
 * Builds widget.js after the panel chunk. The loader is a classic IIFE script (so `async` works
 * and nothing leaks into the page's globals), while the panel is an ES module graph with hashed
 * names. The loader must know the panel entry's hashed name, so it is built second, with the name
 * compiled in.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { build, type Plugin } from 'vite';

/** Options for {@link loaderBuild}. */
export interface LoaderBuildOptions {
  /** The loader's source entry. */
  entry: string;
  /** The panel's entry name in the main build's `input`. */
  appEntryName: string;
  /** Runs on the output directory once widget.js is written too: the build is complete. */
  whenComplete?: (outDir: string) => Promise<void>;
}

/** A plugin for the main (panel) build that builds `widget.js` once the panel is written. */
export function loaderBuild({ entry, appEntryName, whenComplete }: LoaderBuildOptions): Plugin {
  let appFile: string | null = null;
  let outDir = 'dist';
  let root = process.cwd();
  return {
    name: 'parley:loader-build',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
      root = config.root;
    },
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type === 'chunk' && chunk.isEntry && chunk.name === appEntryName) {
          // Relative to /widget/assets/, where the loader imports it from.
          appFile = chunk.fileName.replace(/^assets\//, '');
        }
      }
    },
    async closeBundle() {
      if (!appFile) throw new Error(`parley:loader-build: no entry chunk named "${appEntryName}"`);
      await build({
        configFile: false,
        root,
        logLevel: 'warn',
        define: { __PARLEY_APP__: JSON.stringify(appFile) },
        build: {
          outDir,
          emptyOutDir: false,
          copyPublicDir: false,
          // Library mode: Vite then leaves the loader's one dynamic import alone (no preload
          // helper). The loader exports nothing, so `name` produces no global; the check
          // below makes sure of that.
          lib: { entry, formats: ['iife'], name: 'Parley', fileName: () => 'widget.js' },
          // Library mode would otherwise leave the loader unminified.
          minify: true,
        },
      });
      const loader = await readFile(resolve(root, outDir, 'widget.js'), 'utf8');
      if (!loader.startsWith('(function(')) {
        throw new Error(
          'parley:loader-build: widget.js must be a bare IIFE that defines no globals',
        );
      }
      await whenComplete?.(resolve(root, outDir));
    },
  };
}
