import { describe, expect, it } from 'vitest';
import {
  conversation,
  memoryStorage,
  message,
  ok,
  session,
  settle,
  testChat,
} from '../testing/fakes';
import { timeline, unreadCount } from './chat-state';

describe('a returning visitor', () => {
  it('gets their conversation and messages back, and keeps the new token', async () => {
    const chat = testChat({
      handlers: {
        'visitor:hello': () =>
          ok(session({ token: 'fresh', conversation: conversation(), messages: [message(1)] })),
      },
    });
    await chat.model.connected();
    expect(chat.storage.get('token')).toBe('fresh');
    expect(chat.store.get().conversation?.id).toBe('conv-1');
    expect(timeline(chat.store.get()).map((i) => i.text)).toEqual(['Message 1']);
  });

  it('sends the page they are on with hello', async () => {
    const chat = testChat({ handlers: { 'visitor:hello': () => ok(session()) } });
    await chat.model.connected();
    expect(chat.transport.calls[0]?.payload).toMatchObject({
      locale: 'en',
      page: { url: 'https://acme.example/shoes' },
    });
  });

  it('tells the agents their time zone with every hello, reconnects included', async () => {
    const chat = testChat({ handlers: { 'visitor:hello': () => ok(session()) } });
    await chat.model.connected();
    chat.model.disconnected();
    await chat.model.connected();
    const hellos = chat.transport.calls.filter((c) => c.name === 'visitor:hello');
    expect(hellos.map((c) => c.payload)).toEqual([
      expect.objectContaining({ timeZone: 'Asia/Ho_Chi_Minh' }),
      expect.objectContaining({ timeZone: 'Asia/Ho_Chi_Minh' }),
    ]);
  });

  it('is asked to rate a chat that closed while they were away', async () => {
    const storage = memoryStorage();
    storage.set('conversation', JSON.stringify(conversation()));
    const chat = testChat({ storage, handlers: { 'visitor:hello': () => ok(session()) } });
    await chat.model.connected();
    expect(chat.store.get().conversation?.status).toBe('closed');
  });

  it('is not offered a closed chat again after starting a new one', async () => {
    const closed = conversation({ status: 'closed' });
    const chat = testChat({
      handlers: { 'visitor:hello': () => ok(session({ conversation: closed })) },
    });
    await chat.model.connected();
    chat.forms.newChat();
    chat.model.disconnected();
    await chat.model.connected();
    expect(chat.store.get().conversation).toBeNull();
  });
});

describe('after a reconnect', () => {
  it('fetches the messages it missed, by sequence number', async () => {
    const chat = testChat({
      handlers: {
        'visitor:hello': () =>
          ok(session({ conversation: conversation(), messages: [message(1), message(2)] })),
        'message:history': () => ok({ messages: [message(3)] }),
      },
    });
    await chat.model.connected();
    chat.model.disconnected();
    await chat.model.connected();
    const history = chat.transport.calls.find((c) => c.name === 'message:history');
    expect(history?.payload).toEqual({ conversationId: 'conv-1', afterSeq: 2 });
    expect(chat.store.get().messages.map((m) => m.seq)).toEqual([1, 2, 3]);
  });
});

describe('the outbox', () => {
  it('keeps messages written while offline across a reload and sends them once, in order', async () => {
    const storage = memoryStorage();
    const offline = testChat({ storage });
    offline.sender.send('first');
    offline.sender.send('second');
    await settle();
    expect(timeline(offline.store.get()).map((i) => i.delivery)).toEqual(['sending', 'sending']);

    // A reload: a new chat on the same storage.
    let seq = 0;
    const sent: string[] = [];
    const reloaded = testChat({
      storage,
      handlers: {
        'visitor:hello': () => ok(session()),
        'message:send': ({ clientId, text = '' }) => {
          sent.push(text);
          seq += 1;
          return ok({
            message: message(seq, { author: 'visitor', clientId, text }),
            conversation: conversation({ status: 'queued', queuePosition: 1 }),
          });
        },
      },
    });
    expect(timeline(reloaded.store.get()).map((i) => i.text)).toEqual(['first', 'second']);
    await reloaded.model.connected();
    await settle();
    expect(sent).toEqual(['first', 'second']);
    expect(storage.get('outbox')).toBeNull();
    expect(timeline(reloaded.store.get()).map((i) => i.delivery)).toEqual(['sent', 'sent']);
  });

  it('resends a failed message with the same client id when the visitor retries', async () => {
    let attempts = 0;
    const chat = testChat({
      handlers: {
        'visitor:hello': () => ok(session()),
        'message:send': ({ clientId, text }) => {
          attempts += 1;
          if (attempts === 1) return { ok: false, error: { code: 'INTERNAL', message: 'boom' } };
          return ok({
            message: message(1, { author: 'visitor', clientId, text }),
            conversation: conversation(),
          });
        },
      },
    });
    await chat.model.connected();
    chat.sender.send('hello?');
    await settle();
    const failed = timeline(chat.store.get())[0];
    expect(failed?.delivery).toBe('failed');

    chat.sender.retry(failed?.clientId ?? '');
    await settle();
    const sends = chat.transport.calls.filter((c) => c.name === 'message:send');
    expect(sends.map((c) => (c.payload as { clientId: string }).clientId)).toEqual([
      failed?.clientId,
      failed?.clientId,
    ]);
    expect(timeline(chat.store.get())[0]?.delivery).toBe('sent');
  });
});

describe('live updates', () => {
  it('tells the page about each new message once', async () => {
    const chat = testChat({
      handlers: { 'visitor:hello': () => ok(session({ conversation: conversation() })) },
    });
    await chat.model.connected();
    chat.model.messageCreated(message(1));
    chat.model.messageCreated(message(1));
    expect(chat.emit.mock.calls.filter(([event]) => event === 'message')).toHaveLength(1);
  });

  it('marks new agent messages as seen while the panel is open, and counts them while closed', async () => {
    const chat = testChat({
      handlers: {
        'visitor:hello': () => ok(session({ conversation: conversation() })),
        'seen:set': () => ok({}),
      },
    });
    await chat.model.connected();
    chat.model.messageCreated(message(1));
    expect(unreadCount(chat.store.get())).toBe(1);

    chat.model.setOpen(true);
    expect(unreadCount(chat.store.get())).toBe(0);
    expect(chat.transport.calls.find((c) => c.name === 'seen:set')?.payload).toEqual({
      conversationId: 'conv-1',
      seq: 1,
    });
  });

  it('announces the end of the conversation to the page', async () => {
    const chat = testChat({
      handlers: { 'visitor:hello': () => ok(session({ conversation: conversation() })) },
    });
    await chat.model.connected();
    chat.model.conversationClosed('conv-1', 'agent');
    expect(chat.store.get().conversation?.status).toBe('closed');
    expect(chat.emit).toHaveBeenCalledWith('conversation:closed', {
      conversationId: 'conv-1',
      closedBy: 'agent',
    });
  });

  it('shows the agent typing, and stops when their message arrives', async () => {
    const chat = testChat({
      handlers: { 'visitor:hello': () => ok(session({ conversation: conversation() })) },
    });
    await chat.model.connected();
    chat.model.typingChanged({
      conversationId: 'conv-1',
      author: 'agent',
      name: 'Maria',
      typing: true,
    });
    expect(chat.store.get().typing).toEqual({ name: 'Maria' });
    chat.model.messageCreated(message(1));
    expect(chat.store.get().typing).toBeNull();
  });
});

describe('identity', () => {
  it('sends Parley.identify after hello when called before the connection', async () => {
    const chat = testChat({
      handlers: {
        'visitor:hello': () => ok(session()),
        'visitor:identify': () => ok({ verified: true }),
      },
    });
    chat.model.identify({ name: 'Ana', email: 'ana@example.com', userId: 'u1', userHash: 'ab' });
    expect(chat.transport.calls).toHaveLength(0);
    await chat.model.connected();
    await settle();
    expect(chat.transport.calls.map((c) => c.name)).toContain('visitor:identify');
    expect(chat.store.get().visitor).toEqual({ name: 'Ana', email: 'ana@example.com' });
  });
});

describe('rating', () => {
  it('moves on when the conversation was already rated in another tab', async () => {
    const chat = testChat({
      handlers: {
        'visitor:hello': () => ok(session({ conversation: conversation({ status: 'closed' }) })),
        'rating:submit': () => ({ ok: false, error: { code: 'ALREADY_RATED', message: 'rated' } }),
      },
    });
    await chat.model.connected();
    await chat.forms.rate(5, '');
    expect(chat.store.get().conversation?.rating?.csat).toBe(5);
    expect(chat.store.get().notice).toBeNull();
  });
});
