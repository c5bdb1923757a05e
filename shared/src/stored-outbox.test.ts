import { expect, test } from 'vitest';
import { StoredOutbox, type StorageSlot } from './stored-outbox';

interface Entry {
  clientId: string;
  text: string;
}
const isEntry = (value: unknown): value is Entry =>
  typeof (value as Entry | null)?.clientId === 'string' &&
  typeof (value as Entry).text === 'string';

function slot(initial: string | null = null): StorageSlot & { value: string | null } {
  const s = {
    value: initial,
    read: () => s.value,
    write: (value: string | null) => void (s.value = value),
  };
  return s;
}

test('two tabs sharing the key see each other’s entries, and an empty outbox leaves no key', () => {
  const shared = slot();
  const tab1 = new StoredOutbox(shared, isEntry);
  const tab2 = new StoredOutbox(shared, isEntry);
  tab1.add({ clientId: 'a', text: 'Dzień dobry' });
  tab2.add({ clientId: 'b', text: 'Czy paczka już wyszła?' });
  expect(tab1.list().map((e) => e.clientId)).toEqual(['a', 'b']);
  // The same clientId again replaces, never duplicates.
  tab1.add({ clientId: 'a', text: 'Dzień dobry!' });
  expect(tab2.list()).toEqual([
    { clientId: 'b', text: 'Czy paczka już wyszła?' },
    { clientId: 'a', text: 'Dzień dobry!' },
  ]);
  tab2.change('b', { text: 'Czy paczka wyszła?' });
  tab1.remove('a');
  tab2.remove('b');
  expect(shared.value).toBeNull();
});

test('damaged or foreign storage reads as an empty outbox, and what does not fit is dropped', () => {
  expect(new StoredOutbox(slot('{not json'), isEntry).list()).toEqual([]);
  expect(new StoredOutbox(slot('{"clientId":"a"}'), isEntry).list()).toEqual([]);
  expect(
    new StoredOutbox(slot('[{"clientId":"a","text":"ok"},{"clientId":7},null]'), isEntry).list(),
  ).toEqual([{ clientId: 'a', text: 'ok' }]);
});
