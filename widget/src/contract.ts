/**
 * The boundary between the loader (widget.js, always downloaded) and the panel app (a lazily
 * imported chunk). The loader only ever imports types from here, so no app code leaks into it.
 */
import type { ClosedBy, Message, PublicSiteConfig } from '@parley/shared';
import type { WidgetStorage } from './storage';
import type { LauncherText } from './text/messages';

/** What the loader learns from its own script tag. */
export interface WidgetOptions {
  siteId: string;
  /** The Parley server's origin, taken from the script's own src. */
  origin: string;
  /** `data-locale`, when the site owner fixed the language. */
  locale: string | null;
  /** The script tag's nonce, applied to anything the widget injects. */
  nonce: string;
  /** `data-sound="off"` turns the new-message beep off for everyone. */
  sound: boolean;
}

/** `Parley.identify` input. `userHash` is HMAC-SHA256(userId, site secret), hex. */
export interface IdentifyInput {
  name?: string;
  email?: string;
  userId?: string;
  userHash?: string;
}

/** Events a page can subscribe to with `Parley.on`. */
export interface ApiEventMap {
  ready: [];
  open: [];
  close: [];
  message: [message: Message];
  'conversation:closed': [event: { conversationId: string; closedBy: ClosedBy }];
}

/** Something that delivers API events to the page's listeners. */
export type ApiEmit = <K extends keyof ApiEventMap>(event: K, ...args: ApiEventMap[K]) => void;

/** The launcher button, rendered by the loader, driven by the app once it is loaded. */
export interface LauncherHandle {
  setOpen(open: boolean): void;
  setUnread(count: number): void;
  setText(text: LauncherText): void;
  focus(): void;
}

/** Everything the app needs from the loader. */
export interface MountContext {
  root: ShadowRoot;
  /** The themed element inside the shadow root; the panel goes in here. */
  frame: HTMLElement;
  options: WidgetOptions;
  config: PublicSiteConfig;
  locale: string;
  storage: WidgetStorage;
  launcher: LauncherHandle;
  /**
   * The launcher's labels in a locale. widget.js holds every locale's (they are tiny), so the
   * panel's locale chunks need not carry them again.
   */
  launcherText(locale: string): LauncherText;
  emit: ApiEmit;
  /** Adds a stylesheet to the shadow root (adopted, or a nonced <style> where unsupported). */
  addStyles(css: string): void;
  /** Asks the loader to close the panel (Escape, the minimise button). */
  requestClose(): void;
}

/** What the app gives back to the loader. */
export interface AppHandle {
  setOpen(open: boolean): void;
  setLocale(code: string): void;
  identify(input: IdentifyInput): void;
}

/** The lazily loaded chunk's export. */
export type MountApp = (context: MountContext) => AppHandle;
