import { describe, expect, test } from 'vitest';
import { makeConversation } from '../testing/fixtures';
import { belongsTo, tabQuery } from './inbox-tabs';

const me = 'agent-1';

describe('inbox tabs', () => {
  test('each tab asks the relay for what the relay counts under it', () => {
    expect(tabQuery('queue', me)).toEqual({ status: 'queued', kind: 'chat' });
    expect(tabQuery('mine', me)).toEqual({ status: 'active', agentId: me });
    expect(tabQuery('all', me)).toEqual({ kind: 'chat', status: 'open' });
    expect(tabQuery('offline', me)).toEqual({ kind: 'offline', status: 'open' });
    expect(tabQuery('missed', me)).toEqual({ kind: 'chat', status: 'closed', tag: 'missed' });
    expect(tabQuery('closed', me)).toEqual({ status: 'closed' });
  });

  test('Missed holds unanswered chats until someone follows them up', () => {
    const missed = makeConversation({ status: 'closed', tags: ['missed'], agentId: null });
    expect(belongsTo('missed', missed, me)).toBe(true);
    expect(belongsTo('missed', { ...missed, tags: [] }, me)).toBe(false);
    // An answer reopens it as a follow-up: out of Missed, into Offline and Mine.
    const followedUp = {
      ...missed,
      kind: 'offline' as const,
      status: 'active' as const,
      agentId: me,
    };
    expect(belongsTo('missed', followedUp, me)).toBe(false);
    expect(belongsTo('offline', followedUp, me)).toBe(true);
    expect(belongsTo('mine', followedUp, me)).toBe(true);
  });

  test('All and Offline hold open conversations only', () => {
    const closedChat = makeConversation({ status: 'closed' });
    const openOffline = makeConversation({ kind: 'offline', status: 'queued', agentId: null });
    expect(belongsTo('all', closedChat, me)).toBe(false);
    expect(belongsTo('closed', closedChat, me)).toBe(true);
    expect(belongsTo('offline', openOffline, me)).toBe(true);
    expect(belongsTo('queue', openOffline, me)).toBe(false);
    expect(belongsTo('offline', { ...openOffline, status: 'closed' }, me)).toBe(false);
  });

  test('Mine holds active chats assigned to me, not a colleague’s', () => {
    expect(belongsTo('mine', makeConversation({ agentId: me }), me)).toBe(true);
    expect(belongsTo('mine', makeConversation({ agentId: 'agent-2' }), me)).toBe(false);
  });
});
