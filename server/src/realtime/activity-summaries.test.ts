import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { InboxActivity, Message } from '@parley/shared';
import { ActivitySummaries } from './activity-summaries';

const message = (conversationId: string, seq: number, author: Message['author'] = 'visitor') =>
  ({ conversationId, seq, author, text: `${conversationId}#${seq}` }) as Message;

describe('ActivitySummaries', () => {
  let sent: InboxActivity[];
  let summaries: ActivitySummaries;
  beforeEach(() => {
    vi.useFakeTimers();
    sent = [];
    summaries = new ActivitySummaries((batch) => sent.push(batch), 1_000);
  });
  afterEach(() => {
    summaries.close();
    vi.useRealTimers();
  });

  it('tells the first message after a quiet spell at once', () => {
    summaries.note('s1', message('c1', 1));
    expect(sent).toEqual([
      {
        siteId: 's1',
        conversations: [
          { conversationId: 'c1', siteId: 's1', message: message('c1', 1), visitorMessages: 1 },
        ],
      },
    ]);
  });

  it('batches a busy second of many conversations into one announcement per site', () => {
    summaries.note('s1', message('c0', 1));
    for (let seq = 2; seq <= 4; seq++)
      for (const id of ['c1', 'c2', 'c3']) summaries.note('s1', message(id, seq));
    summaries.note('s1', message('c1', 5, 'agent'));
    summaries.note('s2', message('d1', 1));
    expect(sent.map((batch) => batch.siteId)).toEqual(['s1', 's2']);

    vi.advanceTimersByTime(1_000);
    expect(sent).toHaveLength(3);
    const batch = sent[2]!;
    expect(batch.siteId).toBe('s1');
    expect(
      batch.conversations.map((a) => [a.conversationId, a.message.seq, a.visitorMessages]),
    ).toEqual([
      ['c1', 5, 3],
      ['c2', 4, 3],
      ['c3', 4, 3],
    ]);
  });

  it('keeps the newest message when an older one is noted late', () => {
    summaries.note('s1', message('c0', 1));
    summaries.note('s1', message('c1', 7));
    summaries.note('s1', message('c1', 6));
    vi.advanceTimersByTime(1_000);
    expect(sent[1]!.conversations).toEqual([
      { conversationId: 'c1', siteId: 's1', message: message('c1', 7), visitorMessages: 2 },
    ]);
  });

  it('says nothing more once a site is quiet, and again at once after', () => {
    summaries.note('s1', message('c1', 1));
    vi.advanceTimersByTime(5_000);
    expect(sent).toHaveLength(1);
    summaries.note('s1', message('c1', 2));
    expect(sent).toHaveLength(2);
  });
});
