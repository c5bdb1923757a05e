import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AppHandle, MountContext, WidgetOptions } from '../contract';
import { createStorage } from '../storage';
import { conversation, settle, siteConfig } from '../testing/fakes';
import { createController } from './controller';
import { createEmitter } from './emitter';

const options: WidgetOptions = {
  siteId: 'site-1',
  origin: 'https://chat.example',
  locale: null,
  nonce: 'n0nce',
  sound: true,
};

afterEach(() => document.querySelectorAll('parley-widget').forEach((el) => el.remove()));

function setup(
  stored: Record<string, string> = {},
  config = siteConfig(),
  tabStorage = createStorage('site-1', null),
) {
  const storage = createStorage('site-1', null);
  for (const [key, value] of Object.entries(stored)) storage.set(key as never, value);
  const app: AppHandle = { setOpen: vi.fn(), setLocale: vi.fn(), identify: vi.fn() };
  let context: MountContext | null = null;
  const loadApp = vi.fn(async () => (ctx: MountContext) => {
    context = ctx;
    // The real panel puts a focusable dialog in the shadow root.
    const input = document.createElement('textarea');
    ctx.frame.appendChild(input);
    return app;
  });
  const warn = vi.fn();
  const controller = createController({
    doc: document,
    options,
    storage,
    tabStorage,
    emitter: createEmitter(),
    launcherCss: '.launcher{}',
    fetchConfig: async () => ({ ok: true, config }),
    loadApp,
    warn,
  });
  const launcher = () =>
    document
      .querySelector('parley-widget')
      ?.shadowRoot?.querySelector<HTMLButtonElement>('.launcher');
  return { controller, loadApp, app, warn, launcher, context: () => context };
}

describe('widget.js on a page', () => {
  it('opens again after a reload or on the next page if it was open in this tab, not if closed', async () => {
    const tab = createStorage('site-1', null);
    const first = setup({}, siteConfig(), tab);
    await first.controller.start();
    first.controller.api.open();
    await settle();
    expect(first.app.setOpen).toHaveBeenLastCalledWith(true);
    document.querySelectorAll('parley-widget').forEach((el) => el.remove());

    // The next page of the site, same tab: the panel is open without a click.
    const next = setup({}, siteConfig(), tab);
    await next.controller.start();
    await settle();
    expect(next.loadApp).toHaveBeenCalledOnce();
    expect(next.app.setOpen).toHaveBeenLastCalledWith(true);
    expect(next.launcher()?.getAttribute('aria-label')).toBe('Close chat');
    next.controller.api.close();
    document.querySelectorAll('parley-widget').forEach((el) => el.remove());

    // Closed before leaving: the page after that starts closed.
    const after = setup({}, siteConfig(), tab);
    await after.controller.start();
    await settle();
    expect(after.loadApp).not.toHaveBeenCalled();
  });

  it('shows the launcher and loads nothing else for a visitor without a conversation', async () => {
    const { controller, loadApp, launcher } = setup();
    const ready = vi.fn();
    controller.api.on('ready', ready);
    await controller.start();
    expect(launcher()?.getAttribute('aria-label')).toBe('Open chat');
    expect(ready).toHaveBeenCalledOnce();
    expect(loadApp).not.toHaveBeenCalled();
  });

  it('connects at once for a visitor with an open conversation', async () => {
    const { controller, loadApp } = setup({ conversation: JSON.stringify(conversation()) });
    await controller.start();
    await settle();
    expect(loadApp).toHaveBeenCalledOnce();
  });

  it('loads the panel on the first open, and tells the page', async () => {
    const { controller, loadApp, app, launcher } = setup();
    const opened = vi.fn();
    controller.api.on('open', opened);
    await controller.start();
    launcher()?.click();
    await settle();
    expect(loadApp).toHaveBeenCalledOnce();
    expect(app.setOpen).toHaveBeenCalledWith(true);
    expect(launcher()?.getAttribute('aria-label')).toBe('Close chat');
    expect(opened).toHaveBeenCalledOnce();
  });

  it('closes on Escape and gives focus back to the launcher', async () => {
    const { controller, app, launcher, context } = setup();
    await controller.start();
    controller.api.open();
    await settle();
    const input = context()?.frame.querySelector('textarea');
    input?.focus();
    input?.dispatchEvent(
      new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }),
    );
    expect(app.setOpen).toHaveBeenLastCalledWith(false);
    expect(launcher()?.getAttribute('aria-label')).toBe('Open chat');
    expect(document.querySelector('parley-widget')?.shadowRoot?.activeElement).toBe(launcher());
  });

  it('opens once the config arrives when Parley.open() was called early', async () => {
    const { controller, app } = setup();
    controller.api.open();
    await controller.start();
    await settle();
    expect(app.setOpen).toHaveBeenCalledWith(true);
  });

  it('hands the app identities and the locale given before it loaded', async () => {
    const { controller, app, context } = setup();
    controller.api.identify({ name: 'Jan', email: 'jan@example.com' });
    controller.api.setLocale('pl-PL');
    await controller.start();
    controller.api.open();
    await settle();
    expect(app.identify).toHaveBeenCalledWith({ name: 'Jan', email: 'jan@example.com' });
    expect(context()?.locale).toBe('pl');
  });

  it('keeps an open conversation in the language it started in, on a page without data-locale', async () => {
    const going = JSON.stringify(conversation({ id: 'conv-7' }));
    const { controller, context, launcher } = setup({
      conversation: going,
      chatLocale: JSON.stringify({ id: 'conv-7', locale: 'pl' }),
    });
    await controller.start();
    await settle();
    expect(launcher()?.getAttribute('aria-label')).toBe('Otwórz czat');
    expect(context()?.locale).toBe('pl');
  });

  it('forgets the conversation’s language once that conversation is no longer the current one', async () => {
    const { controller, launcher } = setup({
      conversation: JSON.stringify(conversation({ id: 'conv-8' })),
      chatLocale: JSON.stringify({ id: 'conv-7', locale: 'pl' }),
    });
    await controller.start();
    expect(launcher()?.getAttribute('aria-label')).toBe('Open chat');
  });

  it('puts the language the visitor chose in the menu before the conversation’s', async () => {
    const { controller, launcher } = setup({
      locale: 'vi',
      conversation: JSON.stringify(conversation({ id: 'conv-7' })),
      chatLocale: JSON.stringify({ id: 'conv-7', locale: 'pl' }),
    });
    await controller.start();
    expect(launcher()?.getAttribute('aria-label')).toBe((await import('../i18n/vi')).launcher.open);
  });

  it('stays off the page and says why when the site is unknown', async () => {
    const warn = vi.fn();
    const controller = createController({
      doc: document,
      options,
      storage: createStorage('site-1', null),
      emitter: createEmitter(),
      launcherCss: '',
      fetchConfig: async () => ({
        ok: false,
        error: { code: 'NOT_FOUND', message: 'No such site' },
      }),
      loadApp: vi.fn(),
      warn,
    });
    await controller.start();
    expect(document.querySelector('parley-widget')).toBeNull();
    expect(warn.mock.calls[0]?.[0]).toContain('NOT_FOUND');
  });

  it('themes the widget with the site colour, in a shadow root the page cannot style', async () => {
    const { controller } = setup({}, siteConfig({ color: '#fde047' }));
    await controller.start();
    const host = document.querySelector('parley-widget');
    const frame = host?.shadowRoot?.querySelector<HTMLElement>('.parley');
    expect(frame?.style.getPropertyValue('--accent')).toBe('#fde047');
    // Yellow is light: text on it must be dark to stay readable.
    expect(frame?.style.getPropertyValue('--on-accent')).toBe('#111827');
  });
});

describe('several tabs of one site', () => {
  it('connect this tab too when another tab starts a conversation', async () => {
    const storage = createStorage('site-1', localStorage);
    const loadApp = vi.fn(async () => () => ({ setOpen() {}, setLocale() {}, identify() {} }));
    const controller = createController({
      doc: document,
      options,
      storage,
      emitter: createEmitter(),
      launcherCss: '',
      fetchConfig: async () => ({ ok: true, config: siteConfig() }),
      loadApp,
      warn: vi.fn(),
    });
    await controller.start();
    expect(loadApp).not.toHaveBeenCalled();

    localStorage.setItem('parley:site-1:conversation', JSON.stringify(conversation()));
    window.dispatchEvent(new StorageEvent('storage', { key: 'parley:site-1:conversation' }));
    await settle();
    expect(loadApp).toHaveBeenCalledOnce();
    localStorage.clear();
  });
});
