import { describe, expect, test, vi } from 'vitest';
import { RequestError } from '../api/request-error';
import { createDownload } from './download';

describe('download', () => {
  test('the fetched file is saved under its name', async () => {
    const blob = new Blob(['hello']);
    const save = vi.fn();
    const download = createDownload({
      fetch: vi.fn(async () => blob),
      filename: (id) => `file-${id}.txt`,
      save,
    });
    expect(await download.start('c1')).toBe(true);
    expect(save).toHaveBeenCalledWith(blob, 'file-c1.txt');
    expect(download.pending.value).toBeNull();
  });

  test('a failure is kept for the item it belongs to and nothing is saved', async () => {
    const save = vi.fn();
    const download = createDownload({
      fetch: vi.fn(async () => {
        throw new RequestError('FORBIDDEN', 'no');
      }),
      filename: (id) => id,
      save,
    });
    expect(await download.start('c1')).toBe(false);
    expect(save).not.toHaveBeenCalled();
    expect(download.errorFor('c1')?.code).toBe('FORBIDDEN');
    expect(download.errorFor('c2')).toBeNull();
    download.dismiss();
    expect(download.errorFor('c1')).toBeNull();
  });

  test('a second download waits for the first to finish', async () => {
    let finish: (blob: Blob) => void = () => {};
    const fetch = vi.fn(() => new Promise<Blob>((resolve) => (finish = resolve)));
    const download = createDownload({ fetch, filename: (id) => id, save: vi.fn() });
    const first = download.start('a');
    expect(download.pending.value).toBe('a');
    expect(await download.start('b')).toBe(false);
    finish(new Blob([]));
    expect(await first).toBe(true);
    expect(fetch).toHaveBeenCalledOnce();
  });
});
