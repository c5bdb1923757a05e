import type { AttachmentSettings } from '@parley/shared';
import { cleanup, fireEvent, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { Panel } from '../components/Panel';
import type { PendingUpload } from '../models/sender';
import {
  conversation,
  message,
  ok,
  session,
  settle,
  testChat,
  type Handlers,
} from '../testing/fakes';
import { renderWithText } from '../testing/render-with-text';
import { FilesContext, type Files } from './files-context';
import { Tray } from './tray';

afterEach(cleanup);

const SETTINGS: AttachmentSettings = {
  enabled: true,
  maxFileBytes: 1_000_000,
  maxFilesPerMessage: 2,
  allowedKinds: ['image', 'pdf'],
  filesPerVisitorPerHour: 30,
};

/** A tray whose uploads wait for a connection that never comes: nothing leaves the test. */
const offlineTray = (settings = SETTINGS) =>
  new Tray(settings, {
    origin: 'https://relay.example',
    siteId: 'site-1',
    token: () => null,
    whenReady: () => {},
  });

const pdf = (name = 'zamówienie 42.pdf', size = 2048) =>
  new File([new Uint8Array(size)], name, { type: 'application/pdf' });

const inConversation = (messages = [message(1, { text: 'Hello!' })]): Handlers => ({
  'visitor:hello': () => ok(session({ conversation: conversation(), messages })),
  'seen:set': () => ok({}),
});

async function openPanel(files: Files, handlers: Handlers = inConversation()) {
  const chat = testChat({ handlers });
  await chat.model.connected();
  chat.model.setOpen(true);
  renderWithText(
    <FilesContext.Provider value={files}>
      <Panel chat={chat} soundAllowed onMinimize={() => {}} onChooseLocale={() => {}} />
    </FilesContext.Provider>,
  );
  return chat;
}

describe('the tray', () => {
  it('refuses, before any upload, a kind the site does not take, a file too large, one too many', () => {
    const tray = offlineTray();
    tray.add([new File(['<svg/>'], 'logo.svg', { type: 'image/svg+xml' })]);
    expect(tray.store.get().refusal).toEqual({ reason: 'FILE_TYPE_REFUSED', name: 'logo.svg' });
    tray.add([pdf('big.pdf', 1_000_001)]);
    expect(tray.store.get().refusal).toEqual({ reason: 'FILE_TOO_LARGE', name: 'big.pdf' });
    tray.add([pdf('a.pdf'), pdf('b.pdf'), pdf('c.pdf')]);
    expect(tray.store.get().uploads.map((u) => u.file.name)).toEqual(['a.pdf', 'b.pdf']);
    expect(tray.store.get().refusal).toEqual({ reason: 'TOO_MANY_FILES', name: 'c.pdf' });
  });

  it('takes nothing when the site takes no files', () => {
    const tray = offlineTray({ ...SETTINGS, enabled: false });
    tray.add([pdf()]);
    expect(tray.store.get().uploads).toEqual([]);
  });

  it('names a pasted screenshot that has no name after its type', () => {
    const tray = offlineTray();
    tray.add([new File([new Uint8Array(10)], '', { type: 'image/png' })]);
    expect(tray.store.get().uploads[0]?.file).toMatchObject({
      name: 'image.png',
      type: 'image/png',
    });
  });
});

describe('the composer with files', () => {
  it('offers the paperclip only where the site takes files', async () => {
    await openPanel({ tray: offlineTray({ ...SETTINGS, enabled: false }), origin: '' });
    expect(screen.queryByRole('button', { name: 'Attach files' })).toBeNull();
    cleanup();
    await openPanel({ tray: offlineTray(), origin: '' });
    expect(screen.getByRole('button', { name: 'Attach files' })).toBeTruthy();
  });

  it('shows a chosen file with its size and progress, says why a refused one was refused, and removes on request', async () => {
    await openPanel({ tray: offlineTray(), origin: '' });
    const input = document.body.querySelector<HTMLInputElement>(
      'input[type=file]',
    ) as HTMLInputElement;
    Object.defineProperty(input, 'files', {
      value: [pdf(), new File(['x'], 'setup.exe', { type: 'application/octet-stream' })],
      configurable: true,
    });
    fireEvent.change(input);
    expect(screen.getByText('zamówienie 42.pdf')).toBeTruthy();
    expect(screen.getByText('2 kB')).toBeTruthy();
    expect(screen.getByRole('progressbar', { name: 'zamówienie 42.pdf' })).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toContain('setup.exe can’t be sent here');
    // A message may be files only.
    expect((screen.getByRole('button', { name: 'Send' }) as HTMLButtonElement).disabled).toBe(
      false,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Remove zamówienie 42.pdf' }));
    expect(screen.queryByText('zamówienie 42.pdf')).toBeNull();
    expect((screen.getByRole('button', { name: 'Send' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('takes a pasted screenshot into the tray', async () => {
    await openPanel({ tray: offlineTray(), origin: '' });
    const box = screen.getByRole('textbox', { name: 'Message' });
    const shot = new File([new Uint8Array(64)], 'image.png', { type: 'image/png' });
    fireEvent.paste(box, { clipboardData: { files: [shot] } });
    expect(screen.getByText('image.png')).toBeTruthy();
  });
});

describe('sending files', () => {
  /** An upload the test finishes by hand. */
  function manualUpload(name: string) {
    let finish: (id: string) => void = () => {};
    let fail: (code: string) => void = () => {};
    const upload: PendingUpload = {
      file: { name, type: 'application/pdf', size: 2048 },
      uploaded: () =>
        new Promise<string>((resolve, reject) => {
          finish = resolve;
          fail = reject;
        }),
    };
    return { upload, finish: (id: string) => finish(id), fail: (code: string) => fail(code) };
  }

  it('waits in the outbox until its files are stored, then sends their ids with the text', async () => {
    const sent: unknown[] = [];
    const chat = testChat({
      handlers: {
        ...inConversation([]),
        'message:send': (payload) => {
          sent.push(payload);
          return ok({
            message: message(1, {
              author: 'visitor',
              clientId: payload.clientId,
              text: payload.text ?? '',
              attachments: [
                {
                  id: 'f-1',
                  name: 'a.pdf',
                  type: 'application/pdf',
                  size: 2048,
                  url: '/api/files/f-1/s/a.pdf',
                },
              ],
            }),
            conversation: conversation({ lastSeq: 1 }),
          });
        },
      },
    });
    await chat.model.connected();
    const pending = manualUpload('a.pdf');
    chat.sender.send('The tent seam', [pending.upload]);
    await settle();
    expect(sent).toEqual([]);
    expect(chat.store.get().outbox[0]?.files).toEqual([
      { name: 'a.pdf', type: 'application/pdf', size: 2048 },
    ]);
    pending.finish('f-1');
    await settle();
    expect(sent).toEqual([
      expect.objectContaining({ text: 'The tent seam', attachmentIds: ['f-1'] }),
    ]);
    expect(chat.store.get().outbox).toEqual([]);
  });

  it('fails the message, for the visitor to retry, when its upload is refused', async () => {
    const chat = testChat({
      handlers: { ...inConversation([]), 'message:send': () => ok(null as never) },
    });
    await chat.model.connected();
    const pending = manualUpload('a.pdf');
    chat.sender.send('', [pending.upload]);
    await settle();
    pending.fail('FILE_TYPE_REFUSED');
    await settle();
    expect(chat.store.get().outbox[0]?.failed).toBe('FILE_TYPE_REFUSED');
    expect(chat.transport.calls.filter((c) => c.name === 'message:send')).toEqual([]);
  });

  it('fails a message whose file was still uploading when the page was left: its bytes are gone', async () => {
    const first = testChat({ handlers: inConversation([]) });
    await first.model.connected();
    first.sender.send('Photo attached', [manualUpload('tent.jpg').upload]);
    // The next page load, with the same storage: the outbox is there, the upload is not.
    const next = testChat({ handlers: inConversation([]), storage: first.storage });
    await next.model.connected();
    await settle();
    expect(next.store.get().outbox[0]).toMatchObject({
      text: 'Photo attached',
      failed: 'NOT_FOUND',
    });
  });
});

describe('files in the conversation', () => {
  const withFiles = message(2, {
    text: 'Here is the label and a photo',
    attachments: [
      {
        id: 'f-1',
        name: 'label.pdf',
        type: 'application/pdf',
        size: 48_000,
        url: '/api/files/f-1/s1/label.pdf',
      },
      {
        id: 'f-2',
        name: '<img src=x onerror=alert(1)>.png',
        type: 'image/png',
        size: 1200,
        url: '/api/files/f-2/s2/photo.png',
      },
    ],
  });

  it('shows images as thumbnails and other files as download cards, from the relay, names as text', async () => {
    await openPanel(
      { tray: offlineTray(), origin: 'https://relay.example' },
      inConversation([withFiles]),
    );
    const card = screen.getByRole('link', { name: /label\.pdf/ });
    expect(card.getAttribute('href')).toBe('https://relay.example/api/files/f-1/s1/label.pdf');
    expect(card.getAttribute('download')).toBe('label.pdf');
    expect(card.textContent).toContain('PDF');
    const thumb = screen.getByRole('img', { name: '<img src=x onerror=alert(1)>.png' });
    expect(thumb.getAttribute('src')).toBe('https://relay.example/api/files/f-2/s2/photo.png');
    expect(document.querySelectorAll('img[onerror]')).toHaveLength(0);
  });

  it('opens an image full size in a viewer that Escape closes, giving focus back', async () => {
    await openPanel(
      { tray: offlineTray(), origin: 'https://relay.example' },
      inConversation([withFiles]),
    );
    const thumb = screen.getByRole('button', { name: '<img src=x onerror=alert(1)>.png' });
    fireEvent.click(thumb);
    const viewer = screen.getByRole('dialog', { name: '<img src=x onerror=alert(1)>.png' });
    expect(within(viewer).getByRole('img').getAttribute('src')).toContain('/api/files/f-2/s2/');
    expect(document.activeElement).toBe(within(viewer).getByRole('button', { name: 'Close' }));
    fireEvent.keyDown(viewer, { key: 'Escape' });
    expect(screen.queryByRole('dialog', { name: '<img src=x onerror=alert(1)>.png' })).toBeNull();
    expect(document.activeElement).toBe(thumb);
  });
});
