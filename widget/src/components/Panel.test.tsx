import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import {
  conversation,
  message,
  ok,
  session,
  settle,
  siteConfig,
  testChat,
  type Handlers,
} from '../testing/fakes';
import type { PublicSiteConfig } from '@parley/shared';
import polish from '../i18n/pl';
import { TextContext } from '../text/text-context';
import { renderWithText } from '../testing/render-with-text';
import { Panel } from './Panel';

afterEach(cleanup);

async function openPanel(handlers: Handlers, config?: PublicSiteConfig) {
  const chat = testChat({ handlers, ...(config ? { config } : {}) });
  await chat.model.connected();
  chat.model.setOpen(true);
  renderWithText(
    <Panel chat={chat} soundAllowed onMinimize={() => {}} onChooseLocale={() => {}} />,
  );
  return chat;
}

const inConversation = (overrides = {}): Handlers => ({
  'visitor:hello': () =>
    ok(
      session({
        conversation: conversation(overrides),
        messages: [
          message(1, { author: 'visitor', text: 'Where is my order?' }),
          message(2, { author: 'system', text: 'Maria joined the conversation', agentId: null }),
          message(3, { text: 'Track it at https://acme.example/orders/42.' }),
        ],
      }),
    ),
  'seen:set': () => ok({}),
});

describe('the header', () => {
  it('does not claim the agent is online while the visitor’s own connection is down', async () => {
    const chat = await openPanel(inConversation());
    const header = () => screen.getByRole('banner').textContent ?? '';
    expect(header()).toContain('Maria · Online');
    chat.model.disconnected();
    await settle();
    expect(header()).not.toContain('Online');
    expect(header()).toContain('Maria');
  });
});

describe('relay lines', () => {
  it('are worded in the visitor’s language from their data, not shown in English', async () => {
    const chat = testChat({
      handlers: {
        'visitor:hello': () =>
          ok(
            session({
              conversation: conversation(),
              messages: [
                message(1, { author: 'visitor', text: 'Gdzie jest moje zamówienie?' }),
                message(2, {
                  author: 'system',
                  agentId: null,
                  text: 'Ana Kowalska joined the conversation',
                  event: { kind: 'agent-joined', agentName: 'Ana Kowalska' },
                }),
                message(3, {
                  author: 'system',
                  agentId: null,
                  text: 'Transferred to Minh Nguyen',
                  event: { kind: 'transferred', agentName: 'Minh Nguyen' },
                }),
              ],
            }),
          ),
        'seen:set': () => ok({}),
      },
    });
    await chat.model.connected();
    chat.model.setOpen(true);
    render(
      <TextContext.Provider value={{ locale: 'pl', t: polish }}>
        <Panel chat={chat} soundAllowed onMinimize={() => {}} onChooseLocale={() => {}} />
      </TextContext.Provider>,
    );
    expect(screen.getByText('Ana Kowalska dołącza do rozmowy')).toBeTruthy();
    expect(screen.getByText('Rozmowę przejmuje Minh Nguyen')).toBeTruthy();
    expect(screen.queryByText(/joined the conversation|Transferred to/)).toBeNull();
  });
});

describe('the panel before a chat starts', () => {
  it('asks for name and email, then shows the composer', async () => {
    const chat = await openPanel({
      'visitor:hello': () => ok(session()),
      'visitor:identify': () => ok({ verified: false }),
    });
    expect(screen.getByRole('dialog', { name: 'Chat with Acme Shop' })).toBeTruthy();
    fireEvent.input(screen.getByRole('textbox', { name: 'Name' }), { target: { value: 'Ana' } });
    fireEvent.input(screen.getByRole('textbox', { name: 'Email' }), {
      target: { value: 'ana@example.com' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Start chat' }));
    await settle();

    expect(screen.getByRole('textbox', { name: 'Message' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Send' })).toBeTruthy();
    expect(chat.transport.calls.find((c) => c.name === 'visitor:identify')?.payload).toEqual({
      name: 'Ana',
      email: 'ana@example.com',
    });
  });

  it('will not start without the required answers and says what is missing', async () => {
    await openPanel({ 'visitor:hello': () => ok(session()) });
    fireEvent.input(screen.getByRole('textbox', { name: 'Email' }), { target: { value: 'nope' } });
    fireEvent.click(screen.getByRole('button', { name: 'Start chat' }));
    await settle();
    expect(screen.getByText('This field is required')).toBeTruthy();
    expect(screen.getByText('Enter a valid email address')).toBeTruthy();
    expect(screen.queryByRole('textbox', { name: 'Message' })).toBeNull();
  });

  it('shows the greeting and the privacy notice before the first message', async () => {
    await openPanel({ 'visitor:hello': () => ok(session()) }, siteConfig({ prechatFields: [] }));
    expect(screen.getByText('Hi! How can we help?')).toBeTruthy();
    const privacy = screen.getByRole('link', { name: 'Privacy notice' });
    expect(privacy.getAttribute('href')).toBe('https://acme.example/privacy');
    expect(privacy.getAttribute('rel')).toBe('noopener noreferrer');
  });
});

describe('the panel while chatting', () => {
  it("shows the site's name, the agent's name and whether they are online", async () => {
    await openPanel(inConversation());
    expect(screen.getByRole('heading', { name: 'Acme Shop' })).toBeTruthy();
    expect(screen.getByRole('banner').textContent).toContain('Maria · Online');
  });

  it('lists the conversation in a log and makes links open safely in a new tab', async () => {
    await openPanel(inConversation());
    const log = screen.getByRole('log', { name: 'Messages' });
    expect(log.getAttribute('aria-live')).toBe('polite');
    expect(within(log).getByText('Where is my order?')).toBeTruthy();
    const link = within(log).getByRole('link', { name: 'https://acme.example/orders/42' });
    expect(link.getAttribute('target')).toBe('_blank');
    expect(link.getAttribute('rel')).toBe('noopener noreferrer');
  });

  it('shows message text as text, never as HTML', async () => {
    const chat = await openPanel(inConversation());
    const attack = '<img src=x onerror="alert(1)"> <b>bold</b> javascript:alert(1)';
    chat.model.messageCreated(message(4, { text: attack }));
    await settle();
    const log = screen.getByRole('log');
    expect(within(log).getByText(attack)).toBeTruthy();
    expect(log.querySelector('img, b, a[href^="javascript"]')).toBeNull();
  });

  it('sends on Enter and starts a new line on Shift+Enter', async () => {
    const sent: string[] = [];
    await openPanel({
      ...inConversation(),
      'message:send': ({ clientId, text = '' }) => {
        sent.push(text);
        return ok({
          message: message(4, { author: 'visitor', clientId, text }),
          conversation: conversation(),
        });
      },
    });
    const box = screen.getByRole('textbox', { name: 'Message' });
    fireEvent.input(box, { target: { value: 'line one' } });
    fireEvent.keyDown(box, { key: 'Enter', shiftKey: true });
    expect(sent).toEqual([]);
    fireEvent.input(box, { target: { value: 'line one\nline two' } });
    fireEvent.keyDown(box, { key: 'Enter' });
    await settle();
    expect(sent).toEqual(['line one\nline two']);
    expect(screen.getByText(/^Sent ·/)).toBeTruthy();
  });

  it('shows when the agent has seen the visitor’s message', async () => {
    await openPanel(inConversation({ seen: { visitor: 3, agent: 1 } }));
    expect(screen.getByText(/^Seen/)).toBeTruthy();
  });

  it('shows the agent typing', async () => {
    const chat = await openPanel(inConversation());
    chat.model.typingChanged({
      conversationId: 'conv-1',
      author: 'agent',
      name: 'Maria',
      typing: true,
    });
    await settle();
    expect(screen.getByText('Maria is typing…')).toBeTruthy();
  });

  it('shows a failed message with a retry that sends it again', async () => {
    let attempts = 0;
    await openPanel({
      ...inConversation(),
      'message:send': ({ clientId, text }) => {
        attempts += 1;
        if (attempts === 1)
          return { ok: false, error: { code: 'RATE_LIMITED', message: 'slow down' } };
        return ok({
          message: message(4, { author: 'visitor', clientId, text }),
          conversation: conversation(),
        });
      },
    });
    const box = screen.getByRole('textbox', { name: 'Message' });
    fireEvent.input(box, { target: { value: 'Are you there?' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    await settle();
    expect(screen.getByText('Not sent')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    await settle();
    expect(screen.queryByText('Not sent')).toBeNull();
    expect(attempts).toBe(2);
  });

  it('ends the chat with "End chat" once the visitor confirms; "Keep chatting" keeps it', async () => {
    const chat = await openPanel({
      ...inConversation(),
      'conversation:close': () =>
        ok({ conversation: conversation({ status: 'closed', closedBy: 'visitor' }) }),
    });
    const menuButton = screen.getByRole('button', { name: 'Chat options' });
    fireEvent.click(menuButton);
    fireEvent.click(screen.getByRole('menuitem', { name: 'End chat' }));
    const question = screen.getByRole('group', { name: 'End this chat?' });
    expect(screen.queryByRole('menu')).toBeNull();
    fireEvent.click(within(question).getByRole('button', { name: 'Keep chatting' }));
    await settle();
    expect(chat.transport.calls.some((c) => c.name === 'conversation:close')).toBe(false);
    expect(screen.queryByRole('group', { name: 'End this chat?' })).toBeNull();
    expect(document.activeElement).toBe(menuButton);

    fireEvent.click(menuButton);
    fireEvent.click(screen.getByRole('menuitem', { name: 'End chat' }));
    expect(screen.getAllByRole('button', { name: 'End chat' })).toHaveLength(1);
    fireEvent.click(
      within(screen.getByRole('group', { name: 'End this chat?' })).getByRole('button', {
        name: 'End chat',
      }),
    );
    await settle();
    expect(chat.store.get().conversation?.status).toBe('closed');
    expect(screen.getByText('You ended the chat.')).toBeTruthy();
  });
});

describe('the panel while queued', () => {
  it('shows the visitor’s place in the queue', async () => {
    await openPanel(inConversation({ status: 'queued', agent: null, queuePosition: 3 }));
    expect(screen.getByRole('status').textContent).toContain('You’re number 3 in line');
  });
});

describe('the panel when nobody is available', () => {
  it('offers the offline form and confirms once the message is left', async () => {
    const chat = await openPanel(
      {
        'visitor:hello': () => ok(session({ site: siteConfig({}, false) })),
        'offline:leave': () => ok({ conversationId: 'off-1' }),
      },
      siteConfig({}, false),
    );
    fireEvent.input(screen.getByRole('textbox', { name: 'Name' }), { target: { value: 'Jan' } });
    fireEvent.input(screen.getByRole('textbox', { name: 'Email' }), {
      target: { value: 'jan@example.com' },
    });
    fireEvent.input(screen.getByRole('textbox', { name: 'Message' }), {
      target: { value: 'Czy mogę zwrócić buty?' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Leave a message' }));
    await settle();
    expect(chat.transport.calls.find((c) => c.name === 'offline:leave')?.payload).toEqual({
      name: 'Jan',
      email: 'jan@example.com',
      text: 'Czy mogę zwrócić buty?',
    });
    expect(screen.getByText(/Your message has been sent/)).toBeTruthy();
  });

  it('without email on the server, promises the answer in this chat, not by email', async () => {
    const noEmail = siteConfig({}, false, false);
    await openPanel(
      {
        'visitor:hello': () => ok(session({ site: noEmail })),
        'offline:leave': () => ok({ conversationId: 'off-1' }),
      },
      noEmail,
    );
    expect(
      screen.getByText(/the answer will be here in this chat when you come back/),
    ).toBeTruthy();
    expect(screen.queryByText(/by email/)).toBeNull();
    fireEvent.input(screen.getByRole('textbox', { name: 'Name' }), { target: { value: 'Jan' } });
    fireEvent.input(screen.getByRole('textbox', { name: 'Email' }), {
      target: { value: 'jan@example.com' },
    });
    fireEvent.input(screen.getByRole('textbox', { name: 'Message' }), {
      target: { value: 'Czy mogę zwrócić buty?' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Leave a message' }));
    await settle();
    expect(
      screen.getByText(/The answer will be here in this chat when you come back/),
    ).toBeTruthy();
    expect(screen.queryByText(/by email/)).toBeNull();
  });

  it('switches to the offline form when the last agent goes away', async () => {
    const chat = await openPanel({ 'visitor:hello': () => ok(session()) });
    chat.model.presenceChanged(false, null);
    await settle();
    expect(screen.getByRole('button', { name: 'Leave a message' })).toBeTruthy();
  });
});

describe('the panel after the chat ends', () => {
  it('asks for a 1–5 rating with a comment, then the NPS question, then thanks', async () => {
    const submitted: unknown[] = [];
    await openPanel({
      ...inConversation({ status: 'closed', closedBy: 'agent' }),
      'rating:submit': (input) => {
        submitted.push(input);
        return ok({
          rating: {
            csat: 4,
            comment: 'Quick',
            nps: 'nps' in input ? (input.nps ?? null) : null,
            createdAt: '',
          },
        });
      },
      'visitor:identify': () => ok({ verified: false }),
      'transcript:email': () => ok({}),
    });
    const group = screen.getByRole('group', { name: 'Rate this conversation' });
    expect(
      within(group)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['1', '2', '3', '4', '5']);
    fireEvent.click(within(group).getByRole('button', { name: '4' }));
    fireEvent.input(screen.getByRole('textbox', { name: 'Comment' }), {
      target: { value: 'Quick' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Send rating' }));
    await settle();

    const nps = screen.getByRole('group', { name: /recommend/ });
    fireEvent.click(within(nps).getByRole('button', { name: '9' }));
    await settle();
    expect(submitted).toEqual([
      { conversationId: 'conv-1', csat: 4, comment: 'Quick' },
      { conversationId: 'conv-1', nps: 9 },
    ]);
    expect(screen.getByText('Thank you for your feedback!')).toBeTruthy();
  });

  it('emails the transcript to the address the visitor gives', async () => {
    const chat = await openPanel({
      ...inConversation({
        status: 'closed',
        rating: { csat: 5, comment: null, nps: 10, createdAt: '' },
      }),
      'visitor:identify': () => ok({ verified: false }),
      'transcript:email': () => ok({}),
    });
    fireEvent.input(screen.getByRole('textbox', { name: 'Email' }), {
      target: { value: 'ana@example.com' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Email me the transcript' }));
    await settle();
    expect(chat.transport.calls.find((c) => c.name === 'transcript:email')?.payload).toEqual({
      conversationId: 'conv-1',
      email: 'ana@example.com',
    });
    expect(screen.getByText('Transcript sent to ana@example.com.')).toBeTruthy();
  });

  it('offers no transcript by email when the server sends no email', async () => {
    const noEmail = siteConfig({}, true, false);
    const closed = conversation({
      status: 'closed',
      rating: { csat: 5, comment: null, nps: 10, createdAt: '' },
    });
    await openPanel(
      { 'visitor:hello': () => ok(session({ site: noEmail, conversation: closed })) },
      noEmail,
    );
    expect(screen.getByText('Thank you for your feedback!')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Email me the transcript' })).toBeNull();
  });

  it('says so when the server cannot send email', async () => {
    await openPanel({
      ...inConversation({ status: 'closed', ask: { csat: false, nps: false } }),
      'visitor:identify': () => ok({ verified: false }),
      'transcript:email': () => ({
        ok: false,
        error: { code: 'MAIL_UNAVAILABLE', message: 'no smtp' },
      }),
    });
    fireEvent.input(screen.getByRole('textbox', { name: 'Email' }), {
      target: { value: 'ana@example.com' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Email me the transcript' }));
    await settle();
    expect(screen.getByRole('alert').textContent).toBe('Email isn’t available right now.');
  });
});

describe('keyboard use', () => {
  it('puts focus in the composer when the panel opens on a conversation', async () => {
    await openPanel(inConversation());
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Message' }));
  });

  it('keeps focus in the panel from one rating question to the next', async () => {
    await openPanel({
      ...inConversation({ status: 'closed' }),
      'rating:submit': () => ok({ rating: { csat: 5, comment: null, nps: null, createdAt: '' } }),
    });
    // The question has focus, not its first star: nothing looks chosen before the visitor chooses.
    expect(document.activeElement).toBe(
      screen.getByRole('group', { name: 'Rate this conversation' }),
    );
    fireEvent.click(screen.getByRole('button', { name: '5' }));
    fireEvent.click(screen.getByRole('button', { name: 'Send rating' }));
    await settle();
    expect(document.activeElement).toBe(screen.getByRole('group', { name: /recommend/ }));
  });
});

describe('the site’s own words', () => {
  const polishSite = siteConfig(
    {
      greeting: 'Dzień dobry! W czym możemy pomóc?',
      awayMessage: 'Jesteśmy poza biurem. Odpowiemy jutro od 9:00.',
      csatQuestion: 'Jak oceniasz tę rozmowę?',
      npsQuestion: 'Czy poleciłbyś nas znajomym?',
    },
    false,
  );

  it('replace the widget’s away text above the offline form', async () => {
    await openPanel({ 'visitor:hello': () => ok(session({ site: polishSite })) }, polishSite);
    expect(screen.getByText('Jesteśmy poza biurem. Odpowiemy jutro od 9:00.')).toBeTruthy();
  });

  it('ask the rating questions, which name their scales', async () => {
    await openPanel({
      ...inConversation({ status: 'closed', closedBy: 'agent' }),
      'visitor:hello': () =>
        ok(
          session({
            site: polishSite,
            conversation: conversation({ status: 'closed', closedBy: 'agent' }),
          }),
        ),
      'rating:submit': () => ok({ rating: { csat: 5, comment: null, nps: null, createdAt: '' } }),
    });
    expect(screen.getByRole('group', { name: 'Jak oceniasz tę rozmowę?' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: /^5/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Send rating' }));
    await settle();
    expect(screen.getByRole('group', { name: 'Czy poleciłbyś nas znajomym?' })).toBeTruthy();
  });

  it('follow the visitor to another language: the relay answers the switch with that language’s words', async () => {
    const vietnamese = siteConfig({ greeting: 'Xin chào! Chúng tôi có thể giúp gì?' });
    const chat = await openPanel({
      ...inConversation(),
      'visitor:identify': () => ok({ verified: false, site: vietnamese }),
    });
    chat.model.localeChanged('vi');
    await settle();
    expect(screen.getByText('Xin chào! Chúng tôi có thể giúp gì?')).toBeTruthy();
  });
});
