/**
 * Vite wraps every dynamic import in a preload helper that adds <link rel="modulepreload"> tags to
 * the page's <head> and dispatches `vite:preloadError` on its window, even with `modulePreload`
 * off (vitejs/vite#18551). The widget lives on other people's pages and its chunks have no CSS or
 * dependencies to preload, so the helper is replaced by a plain call: less code and nothing added
 * to the host page.
 */
import type { Plugin } from 'vite';

const PRELOAD_HELPER_ID = '\0vite/preload-helper.js';

export function plainDynamicImports(): Plugin {
  return {
    name: 'parley:plain-dynamic-imports',
    apply: 'build',
    enforce: 'pre',
    load(id) {
      if (id !== PRELOAD_HELPER_ID) return null;
      return 'export const __vitePreload = (load) => load();';
    },
  };
}
