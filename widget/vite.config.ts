import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import { loaderBuild } from './build/loader-build';
import { plainDynamicImports } from './build/plain-dynamic-imports';
import { precompress } from './build/precompress';
import { withoutWebTransport } from './build/without-webtransport';

/**
 * dist/widget.js            the loader: a small classic script, no hash (served with a short cache)
 * dist/assets/app-<hash>.js the panel and everything after it: ES modules, content-hashed
 *                           (served immutable from /widget/assets/)
 * dist/…/*.js.gz           each script precompressed with Zopfli (build/precompress.ts)
 */
export default defineConfig({
  plugins: [
    plainDynamicImports(),
    withoutWebTransport(),
    preact(),
    loaderBuild({ entry: 'src/loader.ts', appEntryName: 'app', whenComplete: precompress }),
  ],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The loader imports the panel by absolute URL, and chunks import each other relatively:
    // no preload helper, which would add <link> tags to the page's <head> (see
    // build/plain-dynamic-imports.ts for the helper Vite adds anyway).
    modulePreload: false,
    rolldownOptions: {
      input: { app: 'src/app.ts' },
      // Keep the entry's `mount` export; an app build would otherwise drop it.
      preserveEntrySignatures: 'exports-only',
      output: {
        format: 'es',
        entryFileNames: 'assets/[name]-[hash].js',
        chunkFileNames: 'assets/[name]-[hash].js',
        assetFileNames: 'assets/[name]-[hash][extname]',
      },
    },
  },
});
