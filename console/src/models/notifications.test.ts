import { signal } from '@preact/signals';
import { describe, expect, test, vi } from 'vitest';
import { createFakeBeeper, createFakeNotifier } from '../testing/fakes';
import { makeConversation, makeMessage, makeVisitor } from '../testing/fixtures';
import { createNotifications } from './notifications';

function setup(focusedAtStart = false) {
  const notifier = createFakeNotifier();
  const beeper = createFakeBeeper();
  const focused = signal(focusedAtStart);
  const viewingId = signal<string | null>(null);
  const open = vi.fn();
  const model = createNotifications({
    notifier,
    beeper,
    focused,
    viewingId,
    meId: () => 'agent-1',
    open,
  });
  return { model, notifier, beeper, focused, viewingId, open };
}

const queuedChat = makeConversation({ id: 'q1', status: 'queued', agentId: null });
const myChat = makeConversation({ id: 'm1', status: 'active', agentId: 'agent-1' });
const visitor = makeVisitor({ name: 'Vera' });

describe('notifications', () => {
  test('a newly queued chat alerts with a desktop notice and a beep while the console is out of focus', () => {
    const { model, notifier, beeper, open } = setup();
    model.applyConversation(queuedChat, visitor);
    expect(notifier.shown).toEqual([
      expect.objectContaining({
        title: 'New chat in the queue',
        body: 'Vera is waiting for an agent.',
      }),
    ]);
    expect(beeper.beep).toHaveBeenCalledOnce();
    notifier.shown[0]?.onClick();
    expect(open).toHaveBeenCalledWith('q1');
  });

  test('the same queued chat changing again does not alert twice', () => {
    const { model, notifier } = setup();
    model.applyConversation(queuedChat, visitor);
    model.applyConversation({ ...queuedChat, tags: ['vip'] }, visitor);
    expect(notifier.shown).toHaveLength(1);
  });

  test('a visitor message in one of my chats alerts and counts in the tab title', () => {
    const { model, notifier, beeper } = setup();
    model.track(myChat, visitor);
    model.applyMessage(makeMessage({ conversationId: 'm1', seq: 3, text: 'Where is my parcel?' }));
    model.applyMessage(makeMessage({ conversationId: 'm1', seq: 4, text: 'Hello?' }));
    expect(notifier.shown.map((n) => n.body)).toEqual(['Where is my parcel?', 'Hello?']);
    expect(beeper.beep).toHaveBeenCalledTimes(2);
    expect(model.title.value).toBe('(2) Parley');
  });

  test('messages in colleagues’ chats neither alert nor count', () => {
    const { model, notifier } = setup();
    model.track(makeConversation({ id: 'x1', status: 'active', agentId: 'agent-2' }), visitor);
    model.applyMessage(makeMessage({ conversationId: 'x1' }));
    expect(notifier.shown).toHaveLength(0);
    expect(model.title.value).toBe('Parley');
  });

  test('while the console is in focus nothing pops up, but chats not on screen still count as unread', () => {
    const { model, notifier, beeper } = setup(true);
    model.track(myChat, visitor);
    model.applyMessage(makeMessage({ conversationId: 'm1' }));
    expect(notifier.shown).toHaveLength(0);
    expect(beeper.beep).not.toHaveBeenCalled();
    expect(model.unread.value).toEqual({ m1: 1 });
  });

  test('looking at a conversation clears its unread count', () => {
    const { model, focused, viewingId } = setup();
    model.track(myChat, visitor);
    model.applyMessage(makeMessage({ conversationId: 'm1' }));
    viewingId.value = 'm1';
    expect(model.total.value).toBe(1);
    focused.value = true;
    expect(model.total.value).toBe(0);
    expect(model.title.value).toBe('Parley');
  });

  test('a chat routed to me alerts even though it never waited in the queue', () => {
    const { model, notifier } = setup();
    model.applyConversation(myChat, visitor);
    expect(notifier.shown[0]?.title).toBe('New chat assigned to you');
  });

  test('enabling notifications asks the browser and unlocks the sound', async () => {
    const { model, notifier, beeper } = setup();
    await model.enable();
    expect(notifier.requestAccess).toHaveBeenCalled();
    expect(beeper.unlock).toHaveBeenCalled();
    expect(model.access.value).toBe('granted');
  });
});
