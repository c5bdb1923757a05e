import { describe, expect, it } from 'vitest';
import { createStorage, readJson } from './storage';

describe('widget storage', () => {
  it('keeps each site apart under a parley: prefix', () => {
    const a = createStorage('a', localStorage);
    createStorage('b', localStorage).set('token', 'tb');
    a.set('token', 'ta');
    expect(localStorage.getItem('parley:a:token')).toBe('ta');
    expect(a.get('token')).toBe('ta');
  });

  it('keeps working from memory when the browser refuses storage', () => {
    const refusing = {
      getItem: () => {
        throw new DOMException('denied', 'SecurityError');
      },
      setItem: () => {
        throw new DOMException('full', 'QuotaExceededError');
      },
      removeItem: () => {
        throw new DOMException('denied', 'SecurityError');
      },
    } as unknown as Storage;
    const storage = createStorage('s', refusing);
    storage.set('outbox', '[1]');
    expect(readJson(storage, 'outbox')).toEqual([1]);
  });

  it('treats unreadable JSON as absent', () => {
    const storage = createStorage('s', null);
    storage.set('conversation', '{oops');
    expect(readJson(storage, 'conversation')).toBeNull();
  });
});
