import type { AttachmentSettings } from '@parley/shared';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { RequestError } from '../api/request-error';
import { DEFAULT_ATTACHMENT_SETTINGS } from '../models/attachment-rules';
import { createTestWorkspace, type TestWorkspace } from '../testing/fakes';
import { makeDetail, makeMessage, makeSite } from '../testing/fixtures';
import { ConversationView } from './ConversationView';

let current: TestWorkspace | null = null;
afterEach(() => {
  cleanup();
  current?.workspace.dispose();
  current = null;
});

async function openConversation(attachments?: AttachmentSettings) {
  const site = makeSite();
  current = createTestWorkspace({
    api: { getConversation: vi.fn(async () => makeDetail({}, [makeMessage()])) },
    sites: [attachments ? { ...site, widget: { ...site.widget, attachments } } : site],
  });
  // The sites (and their attachment settings) arrive with agent:hello on connecting.
  current.socket.setState('connected');
  render(<ConversationView workspace={current.workspace} />);
  current.workspace.openConversation('conv-1');
  await screen.findByRole('log', { name: 'Messages' });
  await waitFor(() => expect(current?.workspace.directory.sites.value).toHaveLength(1));
  return current;
}

const pdf = (name = 'invoice.pdf', bytes = 2048) =>
  new File([new Uint8Array(bytes)], name, { type: 'application/pdf' });
const picker = () => {
  const input = document.querySelector<HTMLInputElement>('input[type=file]');
  if (!input) throw new Error('no file picker');
  return input;
};
const choose = (...files: File[]) => fireEvent.change(picker(), { target: { files } });
const chips = () => screen.getByRole('list', { name: 'Attached files' });
const sendButton = () => screen.getByRole('button', { name: 'Send' }) as HTMLButtonElement;

describe('attaching files to a reply', () => {
  test('a chosen file shows its upload progress, then goes with the reply without any text', async () => {
    const { socket, uploads } = await openConversation();
    socket.respond('message:send', (payload) => ({
      message: makeMessage({ seq: 2, author: 'agent', text: '', clientId: payload.clientId }),
    }));
    fireEvent.click(screen.getByRole('button', { name: 'Attach files' }));
    choose(pdf());
    const chip = within(chips()).getByText('invoice.pdf').closest('li') as HTMLElement;
    expect(chip.textContent).toContain('2 KB');
    const bar = within(chip).getByRole('progressbar', { name: 'Uploading invoice.pdf' });
    expect(bar.getAttribute('aria-valuenow')).toBe('0');
    expect(sendButton().disabled).toBe(true);
    expect(screen.getByText('Files are still uploading.')).toBeTruthy();

    uploads.of('invoice.pdf').progress(1024);
    await waitFor(() => expect(bar.getAttribute('aria-valuenow')).toBe('50'));
    uploads.of('invoice.pdf').succeed({ id: 'file-1' });
    await waitFor(() => expect(sendButton().disabled).toBe(false));
    expect(within(chip).queryByRole('progressbar')).toBeNull();

    fireEvent.click(sendButton());
    expect(socket.sent('message:send')).toEqual([
      {
        conversationId: 'conv-1',
        clientId: expect.any(String),
        text: '',
        internal: false,
        attachmentIds: ['file-1'],
      },
    ]);
    expect(screen.queryByRole('list', { name: 'Attached files' })).toBeNull();
    expect(uploads.of('invoice.pdf').request.siteId).toBe('site-1');
  });

  test('Remove takes the file off and stops its upload', async () => {
    const { uploads } = await openConversation();
    choose(pdf());
    fireEvent.click(screen.getByRole('button', { name: 'Remove invoice.pdf' }));
    expect(uploads.of('invoice.pdf').request.signal.aborted).toBe(true);
    expect(screen.queryByText('invoice.pdf')).toBeNull();
  });

  test('a failed upload says why and Retry uploads it again', async () => {
    const { uploads } = await openConversation();
    choose(pdf());
    uploads
      .of('invoice.pdf')
      .fail(
        new RequestError('FILE_TOO_LARGE', 'This file is larger than the 10 MB this chat accepts'),
      );
    expect((await screen.findByRole('alert')).textContent).toBe(
      'That file is too large to send: This file is larger than the 10 MB this chat accepts',
    );
    expect(screen.getByText('Retry or remove the files that did not upload.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Retry invoice.pdf' }));
    expect(uploads.calls).toHaveLength(2);
    expect(screen.getByRole('progressbar', { name: 'Uploading invoice.pdf' })).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  test('a file the site does not take is refused before any upload, with the reason', async () => {
    const { uploads } = await openConversation({
      ...DEFAULT_ATTACHMENT_SETTINGS,
      allowedKinds: ['image'],
      maxFileBytes: 1024 * 1024,
    });
    choose(
      pdf('contract.pdf'),
      new File([new Uint8Array(2 * 1024 * 1024)], 'big.png', { type: 'image/png' }),
    );
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain(
      '“contract.pdf” is not a kind of file this site accepts. It accepts images (PNG, JPEG, GIF, WebP).',
    );
    expect(alert.textContent).toContain('“big.png” is 2 MB; this site accepts files up to 1 MB.');
    expect(uploads.calls).toEqual([]);
    fireEvent.click(within(alert).getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  test('a site that takes no files offers no paperclip, and says so when files are dropped', async () => {
    const { uploads } = await openConversation({ ...DEFAULT_ATTACHMENT_SETTINGS, enabled: false });
    expect(screen.getByRole('textbox', { name: 'Reply' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Attach files' })).toBeNull();
    const pane = screen.getByRole('region', { name: /Conversation with/ });
    fireEvent.drop(pane, { dataTransfer: { files: [pdf()], types: ['Files'] } });
    expect((await screen.findByRole('alert')).textContent).toContain(
      'This site does not accept files.',
    );
    expect(uploads.calls).toEqual([]);
  });

  test('a picture pasted into the reply box is attached; pasted text stays text', async () => {
    const { uploads } = await openConversation();
    const shot = new File([new Uint8Array(10)], 'image.png', { type: 'image/png' });
    fireEvent.paste(screen.getByRole('textbox', { name: 'Reply' }), {
      clipboardData: { files: [shot], types: ['Files'] },
    });
    expect(uploads.calls.map((call) => call.request.name)).toEqual(['image.png']);
    // Cells copied from a spreadsheet carry a picture of themselves besides their text.
    fireEvent.paste(screen.getByRole('textbox', { name: 'Reply' }), {
      clipboardData: { files: [shot], types: ['text/plain', 'text/html', 'Files'] },
    });
    expect(uploads.calls).toHaveLength(1);
  });

  test('files dropped on the conversation are attached', async () => {
    const { uploads } = await openConversation();
    const pane = screen.getByRole('region', { name: /Conversation with/ });
    const dataTransfer = { files: [pdf('a.pdf'), pdf('b.pdf')], types: ['Files'] };
    fireEvent.dragEnter(pane, { dataTransfer });
    expect(screen.getByText('Drop files to attach them')).toBeTruthy();
    fireEvent.drop(pane, { dataTransfer });
    expect(screen.queryByText('Drop files to attach them')).toBeNull();
    expect(uploads.calls.map((call) => call.request.name)).toEqual(['a.pdf', 'b.pdf']);
  });

  test('Add note sends the files with the note', async () => {
    const { socket, uploads } = await openConversation();
    choose(pdf());
    uploads.of('invoice.pdf').succeed({ id: 'file-7' });
    await waitFor(() => expect(sendButton().disabled).toBe(false));
    fireEvent.input(screen.getByRole('textbox', { name: 'Reply' }), {
      target: { value: 'Their invoice' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Add note' }));
    expect(socket.sent('message:send')[0]).toMatchObject({
      text: 'Their invoice',
      internal: true,
      attachmentIds: ['file-7'],
    });
  });

  test('a reply with files that could not be sent waits in the outbox, and Retry sends the same files', async () => {
    const { socket, uploads } = await openConversation();
    socket.respond('message:send', () => {
      throw new RequestError('NETWORK', 'The server did not answer in time. Try again.');
    });
    choose(pdf());
    uploads.of('invoice.pdf').succeed({ id: 'file-3' });
    await waitFor(() => expect(sendButton().disabled).toBe(false));
    fireEvent.click(sendButton());
    const log = screen.getByRole('log', { name: 'Messages' });
    expect(
      await within(log).findByText('The server did not answer in time. Try again.'),
    ).toBeTruthy();
    expect(within(log).getByText('invoice.pdf')).toBeTruthy();

    socket.respond('message:send', (payload) => ({
      message: makeMessage({ seq: 2, author: 'agent', text: '', clientId: payload.clientId }),
    }));
    fireEvent.click(within(log).getByRole('button', { name: 'Retry' }));
    const [first, again] = socket.sent('message:send');
    expect(again).toEqual(first);
    expect(again?.attachmentIds).toEqual(['file-3']);
  });
});
