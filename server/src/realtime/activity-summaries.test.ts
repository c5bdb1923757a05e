import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConversationActivity, Message } from '@parley/shared';
import { ActivitySummaries, type SiteSummaries } from './activity-summaries';

const message = (conversationId: string, seq: number, author: Message['author'] = 'visitor') =>
  ({ conversationId, seq, author, text: `${conversationId}#${seq}` }) as Message;
const active = (siteId: string) => ({ siteId, status: 'active' as const, agentId: 'a1' });

/** The batches as consoles that list everything would get them. */
const activities = (batch: SiteSummaries) => ({
  siteId: batch.siteId,
  conversations: batch.entries.map((entry): ConversationActivity => entry.activity),
});

describe('ActivitySummaries', () => {
  let sent: ReturnType<typeof activities>[];
  let summaries: ActivitySummaries;
  beforeEach(() => {
    vi.useFakeTimers();
    sent = [];
    summaries = new ActivitySummaries((batch) => sent.push(activities(batch)), 1_000);
  });
  afterEach(() => {
    summaries.close();
    vi.useRealTimers();
  });

  it('tells the first message after a quiet spell at once', () => {
    summaries.note(active('s1'), message('c1', 1));
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
    summaries.note(active('s1'), message('c0', 1));
    for (let seq = 2; seq <= 4; seq++)
      for (const id of ['c1', 'c2', 'c3']) summaries.note(active('s1'), message(id, seq));
    summaries.note(active('s1'), message('c1', 5, 'agent'));
    summaries.note(active('s2'), message('d1', 1));
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
    summaries.note(active('s1'), message('c0', 1));
    summaries.note(active('s1'), message('c1', 7));
    summaries.note(active('s1'), message('c1', 6));
    vi.advanceTimersByTime(1_000);
    expect(sent[1]!.conversations).toEqual([
      { conversationId: 'c1', siteId: 's1', message: message('c1', 7), visitorMessages: 2 },
    ]);
  });

  it('says nothing more once a site is quiet, and again at once after', () => {
    summaries.note(active('s1'), message('c1', 1));
    vi.advanceTimersByTime(5_000);
    expect(sent).toHaveLength(1);
    summaries.note(active('s1'), message('c1', 2));
    expect(sent).toHaveLength(2);
  });

  it('says whether each conversation is queued and whose it is, as of its latest message', () => {
    const batches: SiteSummaries[] = [];
    const told = new ActivitySummaries((batch) => batches.push(batch), 1_000);
    told.note({ siteId: 's1', status: 'queued', agentId: null }, message('c1', 1));
    told.note({ siteId: 's1', status: 'queued', agentId: null }, message('c2', 1));
    told.note({ siteId: 's1', status: 'active', agentId: 'a7' }, message('c2', 2, 'agent'));
    vi.advanceTimersByTime(1_000);
    told.close();
    expect(
      batches.flatMap((b) =>
        b.entries.map((e) => [e.activity.conversationId, e.queued, e.agentId]),
      ),
    ).toEqual([
      ['c1', true, null],
      ['c2', false, 'a7'],
    ]);
  });
});
