/**
 * What widget.js does on a page: show the launcher once the site's config arrives, load the panel
 * chunk only when it is needed (the visitor opens the chat, or already has a conversation going),
 * and route `window.Parley` calls to whichever half is running.
 */
import type { PublicSiteConfig, VisitorConversation } from '@parley/shared';
import type { AppHandle, IdentifyInput, MountApp, WidgetOptions } from '../contract';
import { rememberedLocales } from '../locale-memory';
import { readJson, type WidgetStorage } from '../storage';
import { launcherText, matchLocale, resolveLocale } from '../text/locale';
import type { ParleyApi } from './api';
import { textColorOn } from './contrast';
import type { Emitter } from './emitter';
import { createHost, type WidgetHost } from './host';
import { createLauncher, type Launcher } from './launcher';
import type { SiteConfigResult } from './site-config';

/** Everything the controller touches, passed in so tests can supply their own. */
export interface ControllerDeps {
  doc: Document;
  options: WidgetOptions;
  storage: WidgetStorage;
  /** This tab's memory (sessionStorage): the panel's open state across reloads and pages. */
  tabStorage?: WidgetStorage;
  emitter: Emitter;
  launcherCss: string;
  fetchConfig: () => Promise<SiteConfigResult>;
  loadApp: () => Promise<MountApp>;
  warn: (message: string) => void;
}

/** True when this visitor has a conversation going, or messages waiting to be sent. */
export function hasLiveConversation(storage: WidgetStorage): boolean {
  const conversation = readJson<VisitorConversation>(storage, 'conversation');
  const outbox = readJson<unknown[]>(storage, 'outbox');
  return conversation?.status === 'queued' || conversation?.status === 'active' || !!outbox?.length;
}

/** Creates the controller and the API object it answers to. Call `start()` once. */
export function createController(deps: ControllerDeps) {
  const { doc, options, storage, emitter } = deps;
  let config: PublicSiteConfig | null = null;
  let host: WidgetHost | null = null;
  let launcher: Launcher | null = null;
  let locale = 'en';
  let explicitLocale = options.locale;
  let app: AppHandle | null = null;
  let appLoading: Promise<AppHandle | null> | null = null;
  let isOpen = false;
  let openWhenReady = false;
  const pendingIdentities: IdentifyInput[] = [];

  function ensureApp(): Promise<AppHandle | null> {
    if (appLoading) return appLoading;
    if (!config || !host || !launcher) return Promise.resolve(null);
    const mountContext = { config, host, launcher };
    launcher.setBusy(true);
    appLoading = deps
      .loadApp()
      .then((mount) => {
        app = mount({
          root: mountContext.host.root,
          frame: mountContext.host.frame,
          options,
          config: mountContext.config,
          locale,
          storage,
          launcher: mountContext.launcher,
          launcherText,
          emit: emitter.emit,
          addStyles: mountContext.host.addStyles,
          requestClose: () => api.close(),
        });
        for (const input of pendingIdentities.splice(0)) app.identify(input);
        return app;
      })
      .catch((error: unknown) => {
        // Allow the next click to try again (a flaky network, a deploy in progress).
        appLoading = null;
        deps.warn(`Parley: the chat panel could not be loaded (${String(error)}).`);
        return null;
      })
      .finally(() => mountContext.launcher.setBusy(false));
    return appLoading;
  }

  function open(): void {
    if (!config || !launcher) {
      openWhenReady = true;
      return;
    }
    if (isOpen) return;
    isOpen = true;
    launcher.setOpen(true);
    void ensureApp().then((loaded) => {
      if (!loaded) {
        isOpen = false;
        launcher?.setOpen(false);
        return;
      }
      // The visitor may have closed it again while the chunk was on its way.
      if (!isOpen) return;
      loaded.setOpen(true);
      deps.tabStorage?.set('open', '1');
      emitter.emit('open');
    });
  }

  function close(): void {
    openWhenReady = false;
    if (!isOpen || !launcher) return;
    isOpen = false;
    deps.tabStorage?.remove('open');
    // Focus returns to the launcher only if it was inside the widget; never steal it from the page.
    const focusWasInside = host?.root.activeElement != null;
    app?.setOpen(false);
    launcher.setOpen(false);
    if (focusWasInside) launcher.focus();
    emitter.emit('close');
  }

  const api: ParleyApi = {
    version: '0.1.0',
    open,
    close,
    setLocale(code) {
      const match = matchLocale(code);
      if (!match) {
        deps.warn(`Parley: no text for locale "${code}".`);
        return;
      }
      explicitLocale = match;
      locale = match;
      launcher?.setText(launcherText(match));
      app?.setLocale(match);
    },
    identify(input) {
      if (app) app.identify(input);
      else pendingIdentities.push(input);
    },
    on: emitter.on,
  };

  function show(loaded: PublicSiteConfig): void {
    config = loaded;
    locale = resolveLocale(
      [...rememberedLocales(storage), explicitLocale],
      loaded.widget.defaultLocale,
      navigatorLanguages(doc),
    );
    host = createHost(doc, options.nonce);
    host.addStyles(deps.launcherCss);
    host.setAccent(loaded.widget.color, textColorOn(loaded.widget.color));
    launcher = createLauncher(doc, host.frame, launcherText(locale), () =>
      isOpen ? close() : open(),
    );
    host.frame.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && isOpen) {
        event.stopPropagation();
        close();
      }
    });
    // Another tab of this site started a conversation: connect here too, so this tab shows it live.
    doc.defaultView?.addEventListener('storage', (event) => {
      if (event.key === storage.fullKey('conversation') && hasLiveConversation(storage)) {
        void ensureApp();
      }
    });
    doc.body.appendChild(host.element);
    emitter.emit('ready');
    // Open in this tab before (a reload, another page of the site): open again, as it was left.
    if (openWhenReady || deps.tabStorage?.get('open') === '1') open();
    else if (hasLiveConversation(storage)) void ensureApp();
  }

  async function start(): Promise<void> {
    const [result] = await Promise.all([deps.fetchConfig(), bodyReady(doc)]);
    if (result.ok) {
      show(result.config);
      return;
    }
    const reason = result.error ? `${result.error.code}: ${result.error.message}` : 'network error';
    deps.warn(`Parley: the chat is unavailable for site "${options.siteId}" (${reason}).`);
  }

  return { api, start };
}

function navigatorLanguages(doc: Document): readonly string[] {
  const nav = doc.defaultView?.navigator;
  return nav?.languages?.length ? nav.languages : nav?.language ? [nav.language] : [];
}

function bodyReady(doc: Document): Promise<void> {
  if (doc.body) return Promise.resolve();
  return new Promise((resolve) =>
    doc.addEventListener('DOMContentLoaded', () => resolve(), { once: true }),
  );
}
