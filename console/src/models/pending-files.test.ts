import { describe, expect, test } from 'vitest';
import { RequestError } from '../api/request-error';
import { createFakeUploads } from '../testing/fakes';
import { DEFAULT_ATTACHMENT_SETTINGS } from './attachment-rules';
import { createPendingFiles } from './pending-files';

function setup(maxFilesPerMessage = 5) {
  const uploads = createFakeUploads();
  const files = createPendingFiles({
    upload: uploads.upload,
    settingsFor: () => ({ ...DEFAULT_ATTACHMENT_SETTINGS, maxFilesPerMessage }),
  });
  return { uploads, files };
}

const photo = (name = 'photo.png', bytes = 1000) =>
  new File([new Uint8Array(bytes)], name, { type: 'image/png' });
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('files attached to a message', () => {
  test('an accepted file uploads at once to its site, and its chip follows the bytes sent', async () => {
    const { uploads, files } = setup();
    files.add('conv-1', 'site-1', [photo()]);
    expect(uploads.calls.map((call) => [call.request.siteId, call.request.name])).toEqual([
      ['site-1', 'photo.png'],
    ]);
    expect(files.items.value[0]).toMatchObject({ state: 'uploading', sent: 0 });
    uploads.of('photo.png').progress(400);
    expect(files.items.value[0]?.sent).toBe(400);
    uploads.of('photo.png').succeed({ id: 'file-9' });
    await settle();
    expect(files.items.value[0]).toMatchObject({ state: 'ready', sent: 1000 });
    expect(files.items.value[0]?.uploaded?.id).toBe('file-9');
  });

  test('removing a file stops its upload, and a late answer does not bring it back', async () => {
    const { uploads, files } = setup();
    files.add('conv-1', 'site-1', [photo()]);
    const key = files.items.value[0]?.key ?? '';
    files.remove(key);
    expect(uploads.of('photo.png').request.signal.aborted).toBe(true);
    expect(files.items.value).toEqual([]);
    uploads.of('photo.png').succeed();
    await settle();
    expect(files.items.value).toEqual([]);
  });

  test('a failed upload keeps its chip with the reason, and Retry uploads it again', async () => {
    const { uploads, files } = setup();
    files.add('conv-1', 'site-1', [photo()]);
    uploads.of('photo.png').fail(new RequestError('RATE_LIMITED', 'slow down', 2000));
    await settle();
    expect(files.items.value[0]).toMatchObject({ state: 'failed' });
    expect(files.items.value[0]?.error?.code).toBe('RATE_LIMITED');

    files.retry(files.items.value[0]?.key ?? '');
    expect(uploads.calls).toHaveLength(2);
    expect(files.items.value[0]).toMatchObject({ state: 'uploading', sent: 0, error: null });
    uploads.of('photo.png').succeed();
    await settle();
    expect(files.items.value[0]?.state).toBe('ready');
  });

  test('a refused file is not uploaded and the reason is kept for its conversation', () => {
    const { uploads, files } = setup();
    files.add('conv-1', 'site-1', [
      new File(['x'], 'tool.exe', { type: 'application/x-msdownload' }),
    ]);
    expect(uploads.calls).toEqual([]);
    expect(files.items.value).toEqual([]);
    expect(files.refusals.value).toEqual({
      boxId: 'conv-1',
      messages: [expect.stringContaining('“tool.exe” is not a kind of file this site accepts')],
    });
  });

  test('the per-message count includes files already attached', () => {
    const { uploads, files } = setup(2);
    files.add('conv-1', 'site-1', [photo('a.png')]);
    files.add('conv-1', 'site-1', [photo('b.png'), photo('c.png')]);
    expect(uploads.calls.map((call) => call.request.name)).toEqual(['a.png', 'b.png']);
    // Another conversation's message has its own count.
    files.add('conv-2', 'site-1', [photo('d.png')]);
    expect(uploads.calls).toHaveLength(3);
  });

  test('sending takes the uploaded files of that conversation only, and leaves the rest', async () => {
    const { uploads, files } = setup();
    files.add('conv-1', 'site-1', [photo('a.png'), photo('b.png')]);
    files.add('conv-2', 'site-1', [photo('c.png')]);
    uploads.of('a.png').succeed({ id: 'id-a' });
    uploads.of('c.png').succeed({ id: 'id-c' });
    await settle();
    expect(files.take('conv-1').map((file) => file.id)).toEqual(['id-a']);
    expect(files.items.value.map((item) => item.name)).toEqual(['b.png', 'c.png']);
  });

  test('files already on the relay (a canned reply’s) are ready at once, counted, and not added twice', () => {
    const { uploads, files } = setup(2);
    const stored = (id: string) => ({ id, name: `${id}.pdf`, type: 'application/pdf', size: 10 });
    files.add('conv-1', 'site-1', [photo('a.png')]);
    files.addStored('conv-1', 'site-1', [stored('menu'), stored('map')]);
    expect(files.of('conv-1').map((item) => [item.name, item.state])).toEqual([
      ['a.png', 'uploading'],
      ['menu.pdf', 'ready'],
    ]);
    expect(files.refusals.value?.messages).toEqual([
      expect.stringContaining('not added: “map.pdf”'),
    ]);
    files.addStored('conv-1', 'site-1', [stored('menu')]);
    expect(files.of('conv-1')).toHaveLength(2);
    expect(uploads.calls).toHaveLength(1);
    expect(files.take('conv-1')).toEqual([stored('menu')]);
  });
});
