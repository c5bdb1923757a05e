import { describe, expect, it } from 'vitest';
import { conversation, message, siteConfig } from '../testing/fakes';
import {
  currentView,
  mergeMessages,
  needsPrechat,
  ratingStep,
  timeline,
  unreadCount,
  type ChatState,
} from './chat-state';

function state(overrides: Partial<ChatState> = {}): ChatState {
  return {
    config: siteConfig(),
    open: true,
    pageVisible: true,
    connection: 'online',
    ready: true,
    visitor: { name: null, email: null },
    available: true,
    presenceAgent: null,
    conversation: null,
    messages: [],
    outbox: [],
    typing: null,
    prechatDone: false,
    offlineSent: false,
    npsSkipped: false,
    transcriptSentTo: null,
    notice: null,
    busy: false,
    soundOn: true,
    ...overrides,
  };
}

describe('what the visitor sees of each message', () => {
  it('shows a message the agent has read as seen, a newer one as sent', () => {
    const s = state({
      conversation: conversation({ seen: { visitor: 0, agent: 1 } }),
      messages: [message(1, { author: 'visitor' }), message(2, { author: 'visitor' })],
    });
    expect(timeline(s).map((i) => i.delivery)).toEqual(['seen', 'sent']);
  });

  it('shows unconfirmed messages as sending and refused ones as failed, after the confirmed ones', () => {
    const s = state({
      conversation: conversation(),
      messages: [message(1)],
      outbox: [
        { clientId: 'a', text: 'first', createdAt: '', failed: null },
        { clientId: 'b', text: 'second', createdAt: '', failed: 'RATE_LIMITED' },
      ],
    });
    expect(timeline(s).map((i) => [i.text, i.delivery])).toEqual([
      ['Message 1', null],
      ['first', 'sending'],
      ['second', 'failed'],
    ]);
  });

  it('shows a message once when the server confirmed it but the outbox still holds it', () => {
    const s = state({
      conversation: conversation(),
      messages: [message(1, { author: 'visitor', clientId: 'a', text: 'hi' })],
      outbox: [{ clientId: 'a', text: 'hi', createdAt: '', failed: null }],
    });
    expect(timeline(s)).toHaveLength(1);
  });
});

describe('unread messages', () => {
  it('counts agent messages after the last one the visitor saw', () => {
    const s = state({
      conversation: conversation({ seen: { visitor: 1, agent: 0 } }),
      messages: [message(1), message(2), message(3, { author: 'visitor' }), message(4)],
    });
    expect(unreadCount(s)).toBe(2);
  });

  it('counts nothing without a conversation', () => {
    expect(unreadCount(state())).toBe(0);
  });
});

describe('which screen the panel shows', () => {
  it('asks the pre-chat questions first when agents are available', () => {
    expect(currentView(state())).toBe('prechat');
  });

  it('offers the offline form when nobody is available', () => {
    expect(currentView(state({ available: false }))).toBe('offline');
    expect(currentView(state({ available: false, offlineSent: true }))).toBe('offline-sent');
  });

  it('keeps showing a conversation in progress even if agents go away', () => {
    expect(currentView(state({ available: false, conversation: conversation() }))).toBe('chat');
  });

  it('shows the end of the chat once it is closed', () => {
    expect(currentView(state({ conversation: conversation({ status: 'closed' }) }))).toBe('ended');
  });
});

describe('rating questions', () => {
  it('asks satisfaction first, then NPS, then nothing', () => {
    const closed = conversation({ status: 'closed' });
    expect(ratingStep(state({ conversation: closed }))).toBe('csat');
    const rated = { csat: 4, comment: null, nps: null, createdAt: '' };
    expect(ratingStep(state({ conversation: { ...closed, rating: rated } }))).toBe('nps');
    expect(ratingStep(state({ conversation: { ...closed, rating: { ...rated, nps: 9 } } }))).toBe(
      'done',
    );
  });

  it('skips NPS when the site does not ask it or the visitor skipped it', () => {
    const rated = { csat: 4, comment: null, nps: null, createdAt: '' };
    const noNps = conversation({
      status: 'closed',
      rating: rated,
      ask: { csat: true, nps: false },
    });
    expect(ratingStep(state({ conversation: noNps }))).toBe('done');
    const skipped = conversation({ status: 'closed', rating: rated });
    expect(ratingStep(state({ conversation: skipped, npsSkipped: true }))).toBe('done');
  });
});

describe('pre-chat form', () => {
  it('is not needed when the visitor is already identified by name and email', () => {
    expect(needsPrechat(siteConfig(), { name: 'Ana', email: 'ana@example.com' })).toBe(false);
    expect(needsPrechat(siteConfig(), { name: 'Ana', email: null })).toBe(true);
  });

  it('is not needed when the site asks nothing', () => {
    expect(needsPrechat(siteConfig({ prechatFields: [] }), { name: null, email: null })).toBe(
      false,
    );
  });
});

describe('merging messages', () => {
  it('keeps one copy of each message, in sequence order', () => {
    const merged = mergeMessages([message(1), message(3)], [message(2), message(3)]);
    expect(merged.map((m) => m.seq)).toEqual([1, 2, 3]);
  });
});
