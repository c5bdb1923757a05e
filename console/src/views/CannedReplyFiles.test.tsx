import type { CannedReply } from '@parley/shared';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { createTestWorkspace, type ApiOverrides, type TestWorkspace } from '../testing/fakes';
import { makeAgent, makeDetail, makeMessage } from '../testing/fixtures';
import { ConversationView } from './ConversationView';
import { SettingsView } from './SettingsView';

let current: TestWorkspace | null = null;
afterEach(() => {
  cleanup();
  current?.workspace.dispose();
  current = null;
});

const owner = makeAgent({ id: 'owner-1', name: 'Olivia Owner', role: 'owner' });
const menu = {
  id: 'file-menu',
  name: 'thực đơn.pdf',
  type: 'application/pdf',
  size: 4096,
  url: '/api/files/file-menu/secret/th%E1%BB%B1c%20%C4%91%C6%A1n.pdf',
};
const withMenu: CannedReply = {
  id: 'r1',
  siteId: 'site-1',
  shortcut: 'menu',
  text: 'Thực đơn của chúng tôi đây.',
  attachments: [menu],
};

const pdf = (name = 'invoice.pdf', bytes = 2048) =>
  new File([new Uint8Array(bytes)], name, { type: 'application/pdf' });
const choose = (scope: HTMLElement, ...files: File[]) => {
  const input = scope.querySelector<HTMLInputElement>('input[type=file]');
  if (!input) throw new Error('no file picker');
  fireEvent.change(input, { target: { files } });
};
const setValue = (element: HTMLElement, value: string) =>
  fireEvent.input(element, { target: { value } });

async function openSettings(api: ApiOverrides) {
  current = createTestWorkspace({ agent: owner, api });
  render(<SettingsView workspace={current.workspace} />);
  await screen.findByRole('form', { name: 'Settings of Shoe Shop' });
  fireEvent.click(screen.getByRole('tab', { name: 'Canned replies' }));
  return current;
}

describe('settings: files of a canned reply', () => {
  test('an owner adds a reply with a PDF: it uploads first, then the reply is saved with it', async () => {
    const { api, uploads } = await openSettings({
      createCannedReply: vi.fn(async (siteId, body) => ({
        id: 'r2',
        siteId,
        shortcut: body.shortcut,
        text: body.text,
        attachments: [{ ...menu, id: 'file-1', name: 'invoice.pdf', size: 2048 }],
      })),
    });
    const form = (await screen.findByRole('heading', { name: 'Add a canned reply' })).closest(
      'form',
    )!;
    setValue(within(form).getByRole('textbox', { name: 'Shortcut' }), 'invoice');
    setValue(within(form).getByRole('textbox', { name: 'Text' }), 'Here is your invoice.');
    fireEvent.click(within(form).getByRole('button', { name: 'Attach files' }));
    choose(form, pdf());
    const save = within(form).getByRole('button', { name: 'Save canned reply' });
    expect(within(form).getByRole('progressbar', { name: 'Uploading invoice.pdf' })).toBeTruthy();
    expect((save as HTMLButtonElement).disabled).toBe(true);
    expect(uploads.of('invoice.pdf').request.siteId).toBe('site-1');

    uploads.of('invoice.pdf').succeed({ id: 'file-1' });
    await waitFor(() => expect((save as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(save);
    await waitFor(() =>
      expect(api.createCannedReply).toHaveBeenCalledWith('site-1', {
        shortcut: 'invoice',
        text: 'Here is your invoice.',
        attachmentIds: ['file-1'],
      }),
    );
    // Listed with its file; the form is empty again, its chips gone.
    const saved = (await screen.findByText('/invoice')).closest('li') as HTMLElement;
    expect(within(saved).getByText('invoice.pdf')).toBeTruthy();
    expect(within(form).queryByRole('list', { name: 'Attached files' })).toBeNull();
  });

  test('editing shows the reply’s files as chips: one removed and one added is the new set', async () => {
    const { api, uploads } = await openSettings({
      listCannedReplies: vi.fn(async () => ({ items: [withMenu] })),
      updateCannedReply: vi.fn(async (siteId, id, body) => ({
        ...withMenu,
        attachments: [{ ...menu, id: 'file-2', name: 'map.pdf' }],
        id,
        siteId,
        ...(body.text !== undefined && { text: body.text }),
      })),
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Edit /menu' }));
    const form = screen.getByRole('form', { name: 'Edit /menu' });
    const chips = within(form).getByRole('list', { name: 'Attached files' });
    expect(within(chips).getByText('thực đơn.pdf')).toBeTruthy();
    // Already on the relay: nothing to upload.
    expect(uploads.calls).toEqual([]);
    fireEvent.click(within(form).getByRole('button', { name: 'Remove thực đơn.pdf' }));
    choose(form, pdf('map.pdf'));
    uploads.of('map.pdf').succeed({ id: 'file-2' });
    const save = within(form).getByRole('button', { name: 'Save' }) as HTMLButtonElement;
    await waitFor(() => expect(save.disabled).toBe(false));
    fireEvent.click(save);
    await waitFor(() =>
      expect(api.updateCannedReply).toHaveBeenCalledWith('site-1', 'r1', {
        attachmentIds: ['file-2'],
      }),
    );
    await waitFor(() => expect(screen.queryByRole('form', { name: 'Edit /menu' })).toBeNull());
    expect(screen.getByText('map.pdf')).toBeTruthy();
  });

  test('an edit of the text alone does not send the files again; removing the last one sends none', async () => {
    const { api } = await openSettings({
      listCannedReplies: vi.fn(async () => ({ items: [withMenu] })),
      updateCannedReply: vi.fn(async () => withMenu),
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Edit /menu' }));
    let form = screen.getByRole('form', { name: 'Edit /menu' });
    setValue(within(form).getByRole('textbox', { name: 'Text' }), 'Mời xem thực đơn.');
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(api.updateCannedReply).toHaveBeenLastCalledWith('site-1', 'r1', {
        text: 'Mời xem thực đơn.',
      }),
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Edit /menu' }));
    form = screen.getByRole('form', { name: 'Edit /menu' });
    fireEvent.click(within(form).getByRole('button', { name: 'Remove thực đơn.pdf' }));
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(api.updateCannedReply).toHaveBeenLastCalledWith('site-1', 'r1', {
        attachmentIds: [],
      }),
    );
  });
});

describe('inserting a canned reply with files', () => {
  test('its files join the message as chips, removable, and go with it by id', async () => {
    current = createTestWorkspace({
      api: {
        getConversation: vi.fn(async () => makeDetail({}, [makeMessage()])),
        listCannedReplies: vi.fn(async () => ({ items: [withMenu] })),
      },
    });
    const { socket, uploads } = current;
    socket.respond('message:send', (payload) => ({
      message: makeMessage({
        seq: 2,
        author: 'agent',
        text: payload.text,
        clientId: payload.clientId,
      }),
    }));
    render(<ConversationView workspace={current.workspace} />);
    current.workspace.openConversation('conv-1');
    await screen.findByRole('log', { name: 'Messages' });
    const reply = screen.getByRole('textbox', { name: 'Reply' }) as HTMLTextAreaElement;
    const insert = async () => {
      setValue(reply, '/me');
      await screen.findByRole('listbox', { name: 'Canned replies' });
      fireEvent.keyDown(reply, { key: 'Enter' });
    };

    await insert();
    expect(reply.value).toBe(withMenu.text);
    const chips = screen.getByRole('list', { name: 'Attached files' });
    expect(within(chips).getByText('thực đơn.pdf')).toBeTruthy();
    expect(within(chips).queryByRole('progressbar')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Remove thực đơn.pdf' }));
    expect(screen.queryByRole('list', { name: 'Attached files' })).toBeNull();

    await insert();
    // Inserted again: still one chip for the file.
    expect(
      within(screen.getByRole('list', { name: 'Attached files' })).getAllByRole('listitem'),
    ).toHaveLength(1);
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect(socket.sent('message:send')).toEqual([
      {
        conversationId: 'conv-1',
        clientId: expect.any(String),
        text: withMenu.text,
        internal: false,
        attachmentIds: ['file-menu'],
      },
    ]);
    expect(uploads.calls).toEqual([]);
    expect(screen.queryByRole('list', { name: 'Attached files' })).toBeNull();
  });
});
