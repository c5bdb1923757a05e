/**
 * widget.js: the only script a page includes. It runs as a classic async script inside an IIFE,
 * so the one thing it adds to the page's globals is `window.Parley`.
 */
import { isLoaded, replayQueue } from './loader/api';
import { createController } from './loader/controller';
import { createEmitter } from './loader/emitter';
import { findOwnScript, readOptions } from './loader/script-options';
import { fetchSiteConfig } from './loader/site-config';
import { createStorage, safeSessionStorage } from './storage';
import type { MountApp } from './contract';
import launcherCss from './styles/launcher.css?inline';

declare const __PARLEY_APP__: string;

const warn = (message: string) => console.warn(message);
const script = findOwnScript(document);
const options = script && readOptions(script);
const globals = window as unknown as { Parley?: unknown };

if (!options) {
  warn('Parley: add data-site="SITE_ID" to the widget.js script tag.');
} else if (!isLoaded(globals.Parley)) {
  const controller = createController({
    doc: document,
    options,
    storage: createStorage(options.siteId),
    tabStorage: createStorage(options.siteId, safeSessionStorage()),
    emitter: createEmitter(),
    launcherCss,
    fetchConfig: () => fetchSiteConfig(options.origin, options.siteId),
    loadApp: () =>
      import(/* @vite-ignore */ `${options.origin}/widget/assets/${__PARLEY_APP__}`).then(
        (module: { mount: MountApp }) => module.mount,
      ),
    warn,
  });
  const stub = globals.Parley;
  globals.Parley = controller.api;
  replayQueue(stub, controller.api);
  void controller.start();
}
