import type { Message } from '@parley/shared';
import { expect, test, vi } from 'vitest';
import { createOutbox } from './outbox';
import { localOutboxStorage } from './outbox-storage';

function memoryStorage() {
  const values = new Map<string, string>();
  return {
    getItem: (key: string) => values.get(key) ?? null,
    setItem: (key: string, value: string) => void values.set(key, value),
    removeItem: (key: string) => void values.delete(key),
    values,
  };
}

const delivered = (clientId: string): { message: Message } => ({
  message: { clientId, id: `m-${clientId}` } as Message,
});

test('a reply not yet confirmed survives a reload and is sent again, with its clientId, once connected', async () => {
  const storage = memoryStorage();
  // The page is closed while the relay has not answered.
  const hanging = { request: vi.fn(() => new Promise<never>(() => {})) };
  const before = createOutbox({
    connection: hanging,
    onDelivered: () => {},
    newClientId: () => 'c-1',
    storage: localOutboxStorage(storage, 'agent-1'),
  });
  before.send('conv-1', 'Dziękujemy, sprawdzamy zamówienie.', false, [
    { id: 'f-1', name: 'etykieta.pdf', type: 'application/pdf', size: 2048 },
  ]);
  expect(JSON.parse(storage.values.get('parley.console.outbox.agent-1') ?? '[]')).toHaveLength(1);

  // The reload: a new console, not connected yet.
  let connect: () => void = () => {};
  const relay = {
    request: vi.fn(async (_name: string, payload: { clientId: string }) =>
      delivered(payload.clientId),
    ),
  };
  const onDelivered = vi.fn();
  const after = createOutbox({
    connection: relay as never,
    onDelivered,
    storage: localOutboxStorage(storage, 'agent-1'),
    whenConnected: (send) => (connect = send),
  });
  expect(after.items.value.map((item) => item.text)).toEqual([
    'Dziękujemy, sprawdzamy zamówienie.',
  ]);
  expect(relay.request).not.toHaveBeenCalled();
  connect();
  await vi.waitFor(() => expect(onDelivered).toHaveBeenCalled());
  expect(relay.request).toHaveBeenCalledWith('message:send', {
    conversationId: 'conv-1',
    clientId: 'c-1',
    text: 'Dziękujemy, sprawdzamy zamówienie.',
    internal: false,
    attachmentIds: ['f-1'],
  });
  expect(after.items.value).toEqual([]);
  expect(storage.values.has('parley.console.outbox.agent-1')).toBe(false);
});

test('another agent’s outbox, and damaged storage, restore nothing', () => {
  const storage = memoryStorage();
  storage.setItem('parley.console.outbox.agent-2', JSON.stringify([{ clientId: 'x' }, 'junk']));
  storage.setItem('parley.console.outbox.agent-3', '{not json');
  for (const agent of ['agent-1', 'agent-2', 'agent-3']) {
    expect(localOutboxStorage(storage, agent).list()).toEqual([]);
  }
});
