import { describe, expect, it, vi } from 'vitest';
import { isLoaded, replayQueue, type ParleyApi } from './api';

function fakeApi(): ParleyApi {
  return {
    version: 'test',
    open: vi.fn(),
    close: vi.fn(),
    setLocale: vi.fn(),
    identify: vi.fn(),
    on: vi.fn(() => () => {}),
  };
}

describe('calls made before widget.js loaded', () => {
  it('are replayed in order', () => {
    const api = fakeApi();
    const order: string[] = [];
    for (const name of ['open', 'setLocale', 'identify', 'on'] as const) {
      vi.mocked(api[name]).mockImplementation((() => order.push(name)) as never);
    }
    const listener = () => {};
    replayQueue(
      {
        q: [
          ['setLocale', ['pl']],
          ['identify', [{ name: 'Jan' }]],
          ['on', ['message', listener]],
          ['open', []],
        ],
      },
      api,
    );
    expect(order).toEqual(['setLocale', 'identify', 'on', 'open']);
    expect(api.setLocale).toHaveBeenCalledWith('pl');
    expect(api.on).toHaveBeenCalledWith('message', listener);
  });

  it('ignore anything that is not an API call', () => {
    const api = fakeApi();
    expect(() =>
      replayQueue({ q: [['constructor', []], 'junk', ['toString']] }, api),
    ).not.toThrow();
    replayQueue(undefined, api);
    expect(api.open).not.toHaveBeenCalled();
  });

  it('recognise a Parley that is already running', () => {
    expect(isLoaded({ q: [] })).toBe(false);
    expect(isLoaded(fakeApi())).toBe(true);
  });
});
