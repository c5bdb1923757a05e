import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { createStore } from '../models/store';
import en from '../i18n/en';
import { loadLocale } from '../text/load-messages';
import type { TextState } from '../text/text-context';
import { conversation, ok, session, testChat, type Handlers } from '../testing/fakes';
import { App } from './App';

afterEach(cleanup);

const chatting: Handlers = {
  'visitor:hello': () =>
    ok(
      session({
        conversation: conversation({
          agent: { name: 'Ana Kowalska', status: 'online' },
        }),
      }),
    ),
  'seen:set': () => ok({}),
  'visitor:identify': () => ok({ verified: false }),
};

/** The whole panel, switching language as the real app does when the menu asks. */
async function openApp(handlers: Handlers = chatting) {
  const chat = testChat({ handlers });
  await chat.model.connected();
  chat.model.setOpen(true);
  const text = createStore<TextState>({ locale: 'en', t: en });
  const chosen: string[] = [];
  render(
    <App
      chat={chat}
      text={text}
      soundAllowed
      onMinimize={() => {}}
      onChooseLocale={(code) => {
        chosen.push(code);
        void loadLocale(code).then((messages) => text.update({ locale: code, t: messages }));
      }}
    />,
  );
  return { chat, chosen };
}

const menuButton = (name = 'Chat options') => screen.getByRole('button', { name });
const items = () => within(screen.getByRole('menu')).getAllByRole(/^menuitem/);
const key = (target: Element, name: string) => fireEvent.keyDown(target, { key: name });

describe('the header', () => {
  it('shows the site, the agent’s full name and presence, and keeps the actions in a menu', async () => {
    await openApp();
    const header = screen.getByRole('banner');
    expect(within(header).getByRole('heading', { name: 'Acme Shop' })).toBeTruthy();
    expect(header.textContent).toContain('Ana Kowalska · Online');
    expect(
      within(header)
        .getAllByRole('button')
        .map((b) => b.getAttribute('aria-label')),
    ).toEqual(['Chat options', 'Minimize chat']);
  });
});

describe('the header menu', () => {
  it('is a menu button that opens on its first item and closes with Escape, focus back on it', async () => {
    await openApp();
    const button = menuButton();
    expect(button.getAttribute('aria-haspopup')).toBe('menu');
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByRole('menu')).toBeNull();

    fireEvent.click(button);
    expect(button.getAttribute('aria-expanded')).toBe('true');
    expect(button.getAttribute('aria-controls')).toBe(screen.getByRole('menu').id);
    expect(items().map((item) => item.textContent)).toEqual([
      'End chat',
      'Email me the transcript',
      'Mute notification sound',
      'English',
      'Tiếng Việt',
      'Română',
      'Tagalog',
      'Polski',
    ]);
    expect(document.activeElement).toBe(items()[0]);

    // Escape closes the menu, not the panel around it.
    let escapedToPanel = false;
    screen.getByRole('dialog').addEventListener('keydown', () => (escapedToPanel = true));
    key(items()[0]!, 'Escape');
    expect(screen.queryByRole('menu')).toBeNull();
    expect(escapedToPanel).toBe(false);
    expect(document.activeElement).toBe(button);
    expect(button.getAttribute('aria-expanded')).toBe('false');
  });

  it('moves between items with the arrows, Home and End, stopping at the ends', async () => {
    await openApp();
    fireEvent.click(menuButton());
    const list = items();
    key(list[0]!, 'ArrowDown');
    expect(document.activeElement).toBe(list[1]);
    key(list[1]!, 'ArrowUp');
    key(list[0]!, 'ArrowUp');
    expect(document.activeElement).toBe(list[0]);
    key(list[0]!, 'End');
    expect(document.activeElement?.textContent).toBe('Polski');
    key(document.activeElement!, 'ArrowDown');
    expect(document.activeElement?.textContent).toBe('Polski');
    key(document.activeElement!, 'Home');
    expect(document.activeElement?.textContent).toBe('End chat');
  });

  it('opens on its last item with ArrowUp, and Tab leaves it closed', async () => {
    await openApp();
    key(menuButton(), 'ArrowUp');
    expect(document.activeElement?.textContent).toBe('Polski');
    key(document.activeElement!, 'Tab');
    expect(screen.queryByRole('menu')).toBeNull();
  });

  it('turns the notification sound off and on, saying which it will do', async () => {
    const { chat } = await openApp();
    fireEvent.click(menuButton());
    fireEvent.click(screen.getByRole('menuitem', { name: 'Mute notification sound' }));
    expect(chat.store.get().soundOn).toBe(false);
    expect(document.activeElement).toBe(menuButton());
    fireEvent.click(menuButton());
    expect(screen.getByRole('menuitem', { name: 'Turn notification sound on' })).toBeTruthy();
  });

  it('opens the transcript form over the chat, with a way to close it', async () => {
    await openApp();
    fireEvent.click(menuButton());
    fireEvent.click(screen.getByRole('menuitem', { name: 'Email me the transcript' }));
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Email' }));
    expect(screen.getByRole('button', { name: 'Email me the transcript' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('textbox', { name: 'Email' })).toBeNull();
    expect(document.activeElement).toBe(menuButton());
  });

  it('emails the transcript during the chat, and offers the whole one again once the chat ends', async () => {
    const { chat } = await openApp({
      ...chatting,
      'visitor:hello': () =>
        ok(session({ conversation: conversation({ ask: { csat: false, nps: false } }) })),
      'transcript:email': () => ok({}),
    });
    fireEvent.click(menuButton());
    fireEvent.click(screen.getByRole('menuitem', { name: 'Email me the transcript' }));
    fireEvent.input(screen.getByRole('textbox', { name: 'Email' }), {
      target: { value: 'ana@example.pl' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Email me the transcript' }));
    expect(await screen.findByText('Transcript sent to ana@example.pl.')).toBeTruthy();

    chat.model.conversationClosed('conv-1', 'agent');
    expect(await screen.findByText('The agent ended the chat.')).toBeTruthy();
    expect(screen.queryByText('Transcript sent to ana@example.pl.')).toBeNull();
    expect(screen.getByRole('button', { name: 'Email me the transcript' })).toBeTruthy();
  });

  it('offers only the language and sound before a conversation starts', async () => {
    await openApp({ 'visitor:hello': () => ok(session()) });
    fireEvent.click(menuButton());
    expect(screen.queryByRole('menuitem', { name: 'End chat' })).toBeNull();
    expect(items()).toHaveLength(6);
  });
});

describe('the language switcher', () => {
  it('names each language in itself, marks the current one, and switches the panel at once', async () => {
    const { chosen } = await openApp();
    fireEvent.click(menuButton());
    const languages = within(screen.getByRole('group', { name: 'Language' }));
    const english = languages.getByRole('menuitemradio', { name: 'English' });
    expect(english.getAttribute('aria-checked')).toBe('true');
    expect(languages.getByRole('menuitemradio', { name: 'Polski' }).getAttribute('lang')).toBe(
      'pl',
    );

    fireEvent.click(languages.getByRole('menuitemradio', { name: 'Polski' }));
    expect(chosen).toEqual(['pl']);
    expect(await screen.findByRole('dialog', { name: 'Czat z Acme Shop' })).toBeTruthy();
    fireEvent.click(menuButton('Opcje czatu'));
    expect(screen.getByRole('menuitem', { name: 'Zakończ czat' })).toBeTruthy();
    expect(screen.getByRole('menuitemradio', { name: 'Polski' }).getAttribute('aria-checked')).toBe(
      'true',
    );
    expect(
      screen.getByRole('menuitemradio', { name: 'English' }).getAttribute('aria-checked'),
    ).toBe('false');
  });
});
