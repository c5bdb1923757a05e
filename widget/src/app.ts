/**
 * The panel chunk, imported by widget.js when the visitor opens the chat or already has one
 * going. It builds the chat, connects the socket, and wires page events to the model; the only
 * listeners it adds to the page live here and in page-watch.ts.
 */
import type { PageView } from '@parley/shared';
import { h, render } from 'preact';
import { App } from './components/App';
import { createConnection } from './connection';
import type { AppHandle, MountApp } from './contract';
import attachmentsCss from './attachments/attachments.css?inline';
import { NO_ATTACHMENTS, type Files } from './attachments/files-context';
import { Tray } from './attachments/tray';
import { createChat } from './models/chat';
import { isOpenConversation, unreadCount } from './models/chat-state';
import { hasChatLocale, rememberChatLocale } from './locale-memory';
import { createStore, type Store } from './models/store';
import { watchPage } from './page-watch';
import { createChime } from './sound';
import panelCss from './styles/panel.css?inline';
import { loadLocale } from './text/load-messages';
import type { Messages } from './text/messages';
import type { TextState } from './text/text-context';
import { browserTimeZone } from './time-zone';
import { createTitleBadge } from './title-badge';

const warn = (message: string) => console.warn(message);

/** Mounts the panel into the widget's shadow root and returns the loader's handle on it. */
export const mount: MountApp = (context) => {
  const { options, storage, launcher } = context;
  const doc = context.frame.ownerDocument;
  const win = doc.defaultView ?? window;
  context.addStyles(panelCss);

  // Created with the first text that arrives; the panel is rendered then, never before.
  let text: Store<TextState> | null = null;
  const container = doc.createElement('div');
  const showText = (locale: string, messages: Messages) => {
    launcher.setText(context.launcherText(locale));
    if (text) return text.update({ locale, t: messages });
    text = createStore<TextState>({ locale, t: messages });
    context.frame.appendChild(container);
    render(
      h(App, {
        chat,
        text,
        files,
        soundAllowed: options.sound,
        onMinimize: context.requestClose,
        onChooseLocale: chooseLocale,
      }),
      container,
    );
  };
  // The language the visitor reads, reported to the relay (their emails are written in it). Not
  // the loaded text's: the socket's hello can go out before the locale's chunk has arrived.
  let visitorLocale = context.locale;
  const setLocale = (locale: string): Promise<void> => {
    if (locale !== visitorLocale) chat.model.localeChanged(locale);
    visitorLocale = locale;
    return loadLocale(locale)
      .then(
        (loaded) => showText(locale, loaded),
        (error: unknown) => {
          warn(
            `Parley: the "${locale}" text could not be loaded (${String(error)}); using English.`,
          );
          return loadLocale('en').then((loaded) => showText('en', loaded));
        },
      )
      .catch((error: unknown) =>
        warn(`Parley: the chat's text could not be loaded (${String(error)}).`),
      );
  };

  const titleBadge = createTitleBadge(doc);
  const currentPage = (): PageView => ({
    url: win.location.href,
    title: titleBadge.pageTitle(),
    referrer: doc.referrer,
  });
  const chime = createChime(win, storage);
  const connection = createConnection(options.origin, options.siteId, storage);
  let socket: ReturnType<typeof connection.bind> | null = null;
  const chat = createChat({
    config: context.config,
    storage,
    transport: connection.transport,
    locale: () => visitorLocale,
    timeZone: browserTimeZone,
    page: currentPage,
    emit: context.emit,
    onAgentMessage: (message) => {
      const s = chat.store.get();
      if (s.soundOn && (!s.open || !s.pageVisible)) chime(message.id);
    },
    restartSession: () => socket?.restart(),
    warn,
    soundAllowed: options.sound,
  });
  socket = connection.bind(chat.model);

  const files: Files = {
    tray: new Tray(context.config.widget.attachments ?? NO_ATTACHMENTS, {
      origin: options.origin,
      siteId: options.siteId,
      token: () => (chat.store.get().ready ? storage.get('token') : null),
      whenReady(start) {
        const stop = chat.store.subscribe(() => {
          if (!chat.store.get().ready) return;
          stop();
          start();
        });
      },
    }),
    origin: options.origin,
  };
  context.addStyles(attachmentsCss);

  // A conversation is held in the language it started in, on every page, until the visitor
  // chooses another in the menu.
  const recordChatLocale = () => {
    const c = chat.store.get().conversation;
    if (c && isOpenConversation(c) && !hasChatLocale(storage, c.id)) {
      rememberChatLocale(storage, c.id, visitorLocale);
    }
  };
  chat.store.subscribe(recordChatLocale);
  const chooseLocale = (locale: string) => {
    storage.set('locale', locale);
    const c = chat.store.get().conversation;
    if (c) rememberChatLocale(storage, c.id, locale);
    void setLocale(locale);
  };

  // Unread count on the launcher always, and in the title while the tab is hidden.
  const reflectUnread = () => {
    const s = chat.store.get();
    const unread = s.open && s.pageVisible ? 0 : unreadCount(s);
    launcher.setUnread(unread);
    titleBadge.update(unread, !s.pageVisible);
  };
  chat.store.subscribe(reflectUnread);
  reflectUnread();

  chat.model.setPageVisible(doc.visibilityState !== 'hidden');
  doc.addEventListener('visibilitychange', () => {
    const visible = doc.visibilityState !== 'hidden';
    chat.model.setPageVisible(visible);
    // A phone waking up: reconnect now rather than at the end of the backoff.
    if (visible) socket?.wake();
  });
  win.addEventListener('online', () => socket?.wake());
  win.addEventListener('offline', () => socket?.lost());
  win.addEventListener('storage', (event) => {
    if (event.key === storage.fullKey('outbox')) chat.model.outboxChangedElsewhere();
  });
  watchPage(win, currentPage, (page) => chat.model.pageViewed(page));

  socket.connect();
  // The first render waits for the visitor's language (a small chunk fetched in parallel with the
  // connection), so the panel never flashes another language first.
  void setLocale(context.locale);

  const handle: AppHandle = {
    setOpen(open) {
      chat.model.setOpen(open);
      if (!open) chat.sender.stoppedTyping();
    },
    setLocale(locale) {
      void setLocale(locale);
    },
    identify(input) {
      chat.model.identify(input);
    },
  };
  return handle;
};
