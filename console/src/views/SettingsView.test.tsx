import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { AuditEntry, AuditLog, AuditQuery } from '@parley/shared';
import { RequestError } from '../api/request-error';
import { createTestWorkspace, type ApiOverrides, type TestWorkspace } from '../testing/fakes';
import { makeAgent, makeSite } from '../testing/fixtures';
import { SettingsView } from './SettingsView';

let current: TestWorkspace | null = null;
afterEach(() => {
  cleanup();
  current?.workspace.dispose();
  current = null;
});

const owner = makeAgent({ id: 'owner-1', name: 'Olivia Owner', role: 'owner' });

async function setup(api: ApiOverrides = {}) {
  current = createTestWorkspace({ agent: owner, api });
  const copy = vi.fn(async (_text: string) => {});
  render(<SettingsView workspace={current.workspace} copy={copy} />);
  await screen.findByRole('form', { name: 'Settings of Shoe Shop' });
  return { ...current, copy };
}

const field = (name: string) => screen.getByRole('textbox', { name });
const setValue = (element: HTMLElement, value: string) =>
  fireEvent.input(element, { target: { value } });

describe('settings: sites', () => {
  test('an owner creates another site', async () => {
    const { api } = await setup({
      createSite: vi.fn(async (body) => makeSite({ id: 'site-2', name: body.name })),
    });
    setValue(field('New site name'), 'Hat Shop');
    fireEvent.click(screen.getByRole('button', { name: 'Create site' }));
    expect(await screen.findByRole('form', { name: 'Settings of Hat Shop' })).toBeTruthy();
    expect(api.createSite).toHaveBeenCalledWith({ name: 'Hat Shop' });
  });

  test('saving sends the widget, origins, business hours, rating questions, verification and retention', async () => {
    const { api } = await setup({ updateSite: vi.fn(async (_id, _patch) => makeSite()) });
    setValue(field('Greeting'), 'Hello from the shop');
    setValue(screen.getByRole('textbox', { name: 'Colour' }), '#ff8800');
    setValue(field('Allowed origins'), 'https://shoes.example\nhttps://www.shoes.example/');
    setValue(field('Privacy notice URL'), 'https://shoes.example/privacy');
    fireEvent.change(screen.getByRole('combobox', { name: 'Default language' }), {
      target: { value: 'ro' },
    });
    fireEvent.click(screen.getByRole('checkbox', { name: /Always open/ }));
    setValue(screen.getByRole('combobox', { name: 'Time zone' }), 'Europe/Bucharest');
    fireEvent.click(screen.getByRole('checkbox', { name: 'Saturday' }));
    setValue(screen.getByLabelText('Saturday closes'), '13:00');
    fireEvent.click(screen.getByRole('checkbox', { name: /NPS/ }));
    setValue(screen.getByRole('spinbutton', { name: /Close inactive chats/ }), '45');
    setValue(screen.getByRole('spinbutton', { name: /Delete closed conversations/ }), '90');
    fireEvent.click(screen.getByRole('checkbox', { name: /Require identity verification/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));

    await waitFor(() => expect(api.updateSite).toHaveBeenCalled());
    const [siteId, patch] = api.updateSite.mock.calls[0] ?? [];
    expect(siteId).toBe('site-1');
    expect(patch).toEqual({
      name: 'Shoe Shop',
      allowedOrigins: ['https://shoes.example', 'https://www.shoes.example'],
      widget: {
        enabled: true,
        color: '#ff8800',
        greeting: 'Hello from the shop',
        defaultLocale: 'ro',
        privacyNoticeUrl: 'https://shoes.example/privacy',
        businessHours: {
          timeZone: 'Europe/Bucharest',
          days: [
            { day: 1, open: '09:00', close: '17:00' },
            { day: 2, open: '09:00', close: '17:00' },
            { day: 3, open: '09:00', close: '17:00' },
            { day: 4, open: '09:00', close: '17:00' },
            { day: 5, open: '09:00', close: '17:00' },
            { day: 6, open: '09:00', close: '13:00' },
          ],
        },
        prechatFields: [],
        rating: { csat: true, nps: true },
        inactivityTimeoutMinutes: 45,
        identityVerification: true,
        retentionDays: 90,
        // A site stored before attachments existed is saved with the relay's defaults.
        attachments: {
          enabled: true,
          maxFileBytes: 10 * 1024 * 1024,
          maxFilesPerMessage: 5,
          allowedKinds: ['image', 'pdf', 'text', 'office'],
          filesPerVisitorPerHour: 30,
        },
        texts: {},
      },
    });
    expect(await screen.findByText('Changes saved.')).toBeTruthy();
  });

  test('an owner sets which files chats take, how large and how many', async () => {
    const { api } = await setup({ updateSite: vi.fn(async (_id, _patch) => makeSite()) });
    const group = screen.getByRole('group', { name: 'Attachments' });
    expect(within(group).getByRole('checkbox', { name: 'Allow files in chats' })).toHaveProperty(
      'checked',
      true,
    );
    setValue(within(group).getByRole('spinbutton', { name: 'Largest file (MB)' }), '2.5');
    setValue(within(group).getByRole('spinbutton', { name: 'Files per message' }), '3');
    setValue(within(group).getByRole('spinbutton', { name: 'Uploads per visitor per hour' }), '12');
    fireEvent.click(within(group).getByRole('checkbox', { name: 'Office documents' }));
    fireEvent.click(within(group).getByRole('checkbox', { name: 'Text' }));
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));

    await waitFor(() => expect(api.updateSite).toHaveBeenCalled());
    expect(api.updateSite.mock.calls[0]?.[1].widget?.attachments).toEqual({
      enabled: true,
      maxFileBytes: 2.5 * 1024 * 1024,
      maxFilesPerMessage: 3,
      allowedKinds: ['image', 'pdf'],
      filesPerVisitorPerHour: 12,
    });
  });

  test('switching files off keeps the limits for later and saves them off', async () => {
    const site = makeSite();
    const { api } = await setup({
      listSites: vi.fn(async () => ({
        items: [
          {
            ...site,
            widget: {
              ...site.widget,
              attachments: {
                enabled: true,
                maxFileBytes: 3 * 1024 * 1024,
                maxFilesPerMessage: 2,
                allowedKinds: ['pdf' as const],
                filesPerVisitorPerHour: 5,
              },
            },
          },
        ],
      })),
      updateSite: vi.fn(async (_id, _patch) => makeSite()),
    });
    const group = screen.getByRole('group', { name: 'Attachments' });
    const size = within(group).getByRole('spinbutton', { name: 'Largest file (MB)' });
    expect((size as HTMLInputElement).value).toBe('3');
    fireEvent.click(within(group).getByRole('checkbox', { name: 'Allow files in chats' }));
    expect((size as HTMLInputElement).disabled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(api.updateSite).toHaveBeenCalled());
    expect(api.updateSite.mock.calls[0]?.[1].widget?.attachments).toEqual({
      enabled: false,
      maxFileBytes: 3 * 1024 * 1024,
      maxFilesPerMessage: 2,
      allowedKinds: ['pdf'],
      filesPerVisitorPerHour: 5,
    });
  });

  test('pre-chat fields can be added to the form visitors fill in', async () => {
    const { api } = await setup();
    fireEvent.click(screen.getByRole('button', { name: 'Add field' }));
    const row = screen.getByRole('group', { name: 'Field 1' });
    expect((within(row).getByRole('textbox', { name: 'Key' }) as HTMLInputElement).value).toBe(
      'name',
    );
    fireEvent.click(within(row).getByRole('checkbox', { name: 'Required' }));
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(api.updateSite).toHaveBeenCalled());
    expect(api.updateSite.mock.calls[0]?.[1].widget?.prechatFields).toEqual([
      { key: 'name', label: 'Name', type: 'text', required: true },
    ]);
  });

  test('a change the relay rejects is explained in words next to its field, not as a path', async () => {
    await setup({
      updateSite: vi.fn(async () => {
        throw new RequestError('VALIDATION_FAILED', 'widget.color: must be #RRGGBB');
      }),
    });
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('Colour: write # and six hexadecimal digits, such as #4f46e5.');
    const colour = screen.getByRole('textbox', { name: 'Colour' });
    expect(colour.getAttribute('aria-invalid')).toBe('true');
    expect(colour.getAttribute('aria-describedby')).toBe(alert.id);
    expect(document.body.textContent).not.toContain('widget.color');
    await waitFor(() => expect(document.activeElement).toBe(colour));
  });

  test('the time zone is chosen from a searchable list of every zone the browser knows', async () => {
    await setup();
    fireEvent.click(screen.getByRole('checkbox', { name: /Always open/ }));
    const zone = screen.getByRole('combobox', { name: 'Time zone' }) as HTMLInputElement;
    const options = [...(zone.list?.querySelectorAll('option') ?? [])].map((o) => o.value);
    expect(options).toEqual(Intl.supportedValuesOf('timeZone'));
    expect(options).toContain('Europe/Bucharest');
  });

  test('an unknown time zone is refused in words before anything is sent', async () => {
    const { api } = await setup();
    fireEvent.click(screen.getByRole('checkbox', { name: /Always open/ }));
    const zone = screen.getByRole('combobox', { name: 'Time zone' });
    setValue(zone, 'Mars/Olympus_Mons');
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe(
      'Time zone: “Mars/Olympus_Mons” is not a time zone; choose one from the list.',
    );
    expect(zone.getAttribute('aria-invalid')).toBe('true');
    expect(zone.getAttribute('aria-describedby')).toBe(alert.id);
    await waitFor(() => expect(document.activeElement).toBe(zone));
    expect(api.updateSite).not.toHaveBeenCalled();

    // A zone from the list saves, and the words go away.
    setValue(zone, 'Asia/Ho_Chi_Minh');
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(api.updateSite).toHaveBeenCalledTimes(1));
    expect(api.updateSite.mock.calls[0]?.[1].widget?.businessHours?.timeZone).toBe(
      'Asia/Ho_Chi_Minh',
    );
    expect(screen.queryByRole('alert')).toBeNull();
    expect(zone.hasAttribute('aria-invalid')).toBe(false);
  });

  test('a time zone the relay refuses is said next to the field', async () => {
    await setup({
      updateSite: vi.fn(async () => {
        throw new RequestError(
          'VALIDATION_FAILED',
          'widget.businessHours.timeZone: must be an IANA time zone',
        );
      }),
    });
    fireEvent.click(screen.getByRole('checkbox', { name: /Always open/ }));
    setValue(screen.getByRole('combobox', { name: 'Time zone' }), 'Europe/Bucharest');
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Time zone: choose one from the list.',
    );
    expect(document.body.textContent).not.toContain('widget.businessHours');
  });

  test('a refusal about no field of the form is still said, at the top', async () => {
    await setup({
      updateSite: vi.fn(async () => {
        throw new RequestError('FORBIDDEN', 'Only owners can do this');
      }),
    });
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    expect((await screen.findByRole('alert')).textContent).toContain(
      'You do not have permission to do that.',
    );
  });

  test('the install snippet names this origin and the site, and Copy puts it on the clipboard', async () => {
    const { copy } = await setup();
    const snippet = `<script src="${location.origin}/widget.js" data-site="site-1" async></script>`;
    expect(screen.getByText(snippet)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Copy' }));
    expect(copy).toHaveBeenCalledWith(snippet);
    expect(await screen.findByText('Copied to the clipboard.')).toBeTruthy();
  });

  test('the identity secret stays hidden until shown, and rotating asks first', async () => {
    const { api } = await setup({
      rotateSecret: vi.fn(async () => makeSite({ identitySecret: 'fresh-secret' })),
    });
    expect(screen.queryByText('s3cr3t-key')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Show secret' }));
    expect(screen.getByText('s3cr3t-key')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Rotate secret' }));
    expect(api.rotateSecret).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Rotate now' }));
    expect(api.rotateSecret).toHaveBeenCalledWith('site-1');
    expect(await screen.findByText('fresh-secret')).toBeTruthy();
  });
});

describe('settings: agents', () => {
  test('an owner adds an agent with a role, capacity and sites', async () => {
    const { api } = await setup({
      createAgent: vi.fn(async (body) =>
        makeAgent({ id: 'agent-9', ...body, role: body.role ?? 'agent' }),
      ),
    });
    fireEvent.click(screen.getByRole('tab', { name: 'Agents' }));
    const form = (await screen.findByRole('heading', { name: 'Add an agent' })).closest(
      'section',
    ) as HTMLElement;
    setValue(within(form).getByRole('textbox', { name: 'Name' }), 'Ben Helper');
    setValue(within(form).getByRole('textbox', { name: 'Email address' }), 'ben@shop.example');
    setValue(within(form).getByLabelText('Initial password'), 'long-enough-pw');
    fireEvent.change(within(form).getByRole('combobox', { name: 'Role' }), {
      target: { value: 'owner' },
    });
    setValue(within(form).getByRole('spinbutton', { name: /Capacity/ }), '3');
    fireEvent.click(within(form).getByRole('button', { name: 'Add agent' }));
    await waitFor(() =>
      expect(api.createAgent).toHaveBeenCalledWith({
        name: 'Ben Helper',
        email: 'ben@shop.example',
        password: 'long-enough-pw',
        role: 'owner',
        capacity: 3,
        siteIds: ['site-1'],
      }),
    );
    expect(await screen.findByText('Ben Helper was added.')).toBeTruthy();
  });

  test('changing an agent’s capacity and sites saves them', async () => {
    const { api } = await setup({
      listSites: vi.fn(async () => ({
        items: [makeSite(), makeSite({ id: 'site-2', name: 'Hat Shop' })],
      })),
      listAgents: vi.fn(async () => ({ items: [owner, makeAgent()] })),
    });
    fireEvent.click(screen.getByRole('tab', { name: 'Agents' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Edit Ana Agent' }));
    const team = screen.getByRole('table');
    setValue(within(team).getByRole('spinbutton', { name: /Capacity/ }), '8');
    fireEvent.click(within(team).getByRole('checkbox', { name: 'Hat Shop' }));
    fireEvent.click(within(team).getByRole('button', { name: 'Save agent' }));
    await waitFor(() =>
      expect(api.updateAgent).toHaveBeenCalledWith('agent-1', {
        name: 'Ana Agent',
        role: 'agent',
        capacity: 8,
        siteIds: ['site-1', 'site-2'],
      }),
    );
  });

  test('an email that is already in use is explained', async () => {
    await setup({
      createAgent: vi.fn(async () => {
        throw new RequestError('EMAIL_TAKEN', 'taken');
      }),
    });
    fireEvent.click(screen.getByRole('tab', { name: 'Agents' }));
    const form = (await screen.findByRole('heading', { name: 'Add an agent' })).closest(
      'section',
    ) as HTMLElement;
    setValue(within(form).getByRole('textbox', { name: 'Name' }), 'Dup');
    setValue(within(form).getByRole('textbox', { name: 'Email address' }), 'ana@shop.example');
    setValue(within(form).getByLabelText('Initial password'), 'long-enough-pw');
    fireEvent.click(within(form).getByRole('button', { name: 'Add agent' }));
    const alert = await within(form).findByRole('alert');
    expect(alert.textContent).toBe('Email address: another account already uses it.');
    const email = within(form).getByRole('textbox', { name: 'Email address' });
    expect(email.getAttribute('aria-invalid')).toBe('true');
    expect(email.getAttribute('aria-describedby')).toBe(alert.id);
    expect(screen.getAllByRole('alert')).toHaveLength(1);
  });

  test('a refused edit is said in words under the field of the form that sent it', async () => {
    await setup({
      listAgents: vi.fn(async () => ({ items: [owner, makeAgent()] })),
      updateAgent: vi.fn(async () => {
        throw new RequestError('VALIDATION_FAILED', 'password: must be at least 8 characters');
      }),
    });
    fireEvent.click(screen.getByRole('tab', { name: 'Agents' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Edit Ana Agent' }));
    const team = screen.getByRole('table');
    fireEvent.click(within(team).getByRole('button', { name: 'Save agent' }));
    const alert = await within(team).findByRole('alert');
    expect(alert.textContent).toBe('Password: use at least 8 characters.');
    expect(
      within(team).getByLabelText('New password (optional)').getAttribute('aria-invalid'),
    ).toBe('true');
    // Said once, where it belongs: not at the top, not in the form for adding an agent.
    expect(screen.getAllByRole('alert')).toHaveLength(1);
    expect(document.body.textContent).not.toContain('password: must be');
  });
});

describe('settings: canned replies', () => {
  test('an owner adds and deletes a site’s canned replies', async () => {
    const { api } = await setup({
      listCannedReplies: vi.fn(async () => ({
        items: [{ id: 'r1', siteId: 'site-1', shortcut: 'hours', text: 'We are open 9–17.' }],
      })),
      createCannedReply: vi.fn(async (siteId, body) => ({ id: 'r2', siteId, ...body })),
    });
    fireEvent.click(screen.getByRole('tab', { name: 'Canned replies' }));
    expect(await screen.findByText('/hours')).toBeTruthy();
    setValue(screen.getByRole('textbox', { name: 'Shortcut' }), '/thanks');
    setValue(screen.getByRole('textbox', { name: 'Text' }), 'Thank you!');
    fireEvent.click(screen.getByRole('button', { name: 'Save canned reply' }));
    expect(await screen.findByText('/thanks')).toBeTruthy();
    expect(api.createCannedReply).toHaveBeenCalledWith('site-1', {
      shortcut: 'thanks',
      text: 'Thank you!',
    });
    fireEvent.click(screen.getByRole('button', { name: 'Delete /hours' }));
    await waitFor(() => expect(screen.queryByText('/hours')).toBeNull());
    expect(api.deleteCannedReply).toHaveBeenCalledWith('site-1', 'r1');
  });
});

describe('settings: editing a canned reply', () => {
  const hours = { id: 'r1', siteId: 'site-1', shortcut: 'hours', text: 'We are open 9–17.' };

  test('an owner edits a reply’s text and shortcut in place', async () => {
    const { api } = await setup({
      listCannedReplies: vi.fn(async () => ({ items: [hours] })),
      updateCannedReply: vi.fn(async (siteId, id, body) => ({ ...hours, ...body, id, siteId })),
    });
    fireEvent.click(screen.getByRole('tab', { name: 'Canned replies' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Edit /hours' }));
    const form = screen.getByRole('form', { name: 'Edit /hours' });
    setValue(within(form).getByRole('textbox', { name: 'Shortcut' }), '/opening');
    setValue(within(form).getByRole('textbox', { name: 'Text' }), 'Deschis 9–17, luni–vineri.');
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Deschis 9–17, luni–vineri.')).toBeTruthy();
    expect(api.updateCannedReply).toHaveBeenCalledWith('site-1', 'r1', {
      shortcut: 'opening',
      text: 'Deschis 9–17, luni–vineri.',
    });
    expect(screen.getByText('/opening')).toBeTruthy();
    expect(screen.queryByText('/hours')).toBeNull();
    expect(screen.queryByRole('form', { name: /Edit/ })).toBeNull();
  });

  test('an edit the relay refuses stays open and says why; Cancel leaves the reply as it was', async () => {
    const { api } = await setup({
      listCannedReplies: vi.fn(async () => ({ items: [hours] })),
      updateCannedReply: vi.fn(async () => {
        throw new RequestError('CONFLICT', 'Another canned reply already uses /thanks');
      }),
    });
    fireEvent.click(screen.getByRole('tab', { name: 'Canned replies' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Edit /hours' }));
    const form = screen.getByRole('form', { name: 'Edit /hours' });
    setValue(within(form).getByRole('textbox', { name: 'Shortcut' }), 'thanks');
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }));
    expect((await screen.findByRole('alert')).textContent).toContain(
      'Another canned reply already uses /thanks',
    );
    expect(screen.getByRole('form', { name: 'Edit /hours' })).toBeTruthy();
    fireEvent.click(within(form).getByRole('button', { name: 'Cancel' }));
    expect(screen.getByText('/hours')).toBeTruthy();
    expect(screen.getByText('We are open 9–17.')).toBeTruthy();
    expect(api.updateCannedReply).toHaveBeenCalledTimes(1);
  });
});

describe('settings: export', () => {
  test('Export conversations saves the selected site’s conversations as NDJSON', async () => {
    const file = new Blob(['{"conversation":{}}\n'], { type: 'application/x-ndjson' });
    const { api, saveFile } = await setup({ exportSite: vi.fn(async () => file) });
    fireEvent.click(screen.getByRole('button', { name: 'Export conversations' }));
    await waitFor(() => expect(saveFile).toHaveBeenCalledWith(file, 'parley-site-1.ndjson'));
    expect(api.exportSite).toHaveBeenCalledWith('site-1');
  });

  test('an export the relay refuses is explained and nothing is saved', async () => {
    const { saveFile } = await setup({
      exportSite: vi.fn(async () => {
        throw new RequestError('NETWORK', 'The server cannot be reached. Check your connection.');
      }),
    });
    fireEvent.click(screen.getByRole('button', { name: 'Export conversations' }));
    expect((await screen.findByRole('alert')).textContent).toContain(
      'The server cannot be reached.',
    );
    expect(saveFile).not.toHaveBeenCalled();
  });
});

describe('settings: audit log', () => {
  test('an owner reads who did what, newest first, and pages to older entries', async () => {
    const entry = (n: number, overrides: Partial<AuditEntry> = {}): AuditEntry => ({
      id: `audit-${n}`,
      at: new Date(Date.UTC(2026, 11, 1, 9, n)).toISOString(),
      actorId: 'owner-1',
      actorName: 'Olivia Owner',
      action: 'agent.updated',
      target: { kind: 'agent', id: 'agent-2', label: 'Minh Nguyễn' },
      siteIds: ['site-1'],
      changes: ['role: owner', 'password'],
      ...overrides,
    });
    const auditLog = vi.fn(async (query: AuditQuery) =>
      query.offset === 0
        ? {
            items: [
              entry(2),
              entry(1, {
                action: 'visitor.erased',
                changes: ['conversations: 2'],
                target: { kind: 'visitor', id: 'v-9', label: 'v-9' },
              }),
            ],
            total: 51,
          }
        : {
            items: [
              entry(0, {
                action: 'site.created',
                changes: [],
                target: { kind: 'site', id: 'site-1', label: 'Shoe Shop' },
              }),
            ],
            total: 51,
          },
    );
    await setup({ auditLog });
    fireEvent.click(screen.getByRole('tab', { name: 'Audit log' }));

    const table = await screen.findByRole('table', { name: 'Audit log' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((row) => row.textContent)).toEqual([
      expect.stringMatching(/Olivia Owner.*changed the account Minh Nguyễn.*role: owner, password/),
      expect.stringMatching(/Olivia Owner.*erased visitor v-9.*conversations: 2/),
    ]);
    expect(auditLog).toHaveBeenLastCalledWith({ limit: 50, offset: 0 });
    expect((screen.getByRole('button', { name: 'Newer' }) as HTMLButtonElement).disabled).toBe(
      true,
    );

    fireEvent.click(screen.getByRole('button', { name: 'Older' }));
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(2));
    expect(auditLog).toHaveBeenLastCalledWith({ limit: 50, offset: 50 });
    expect(within(table).getByText('Shoe Shop')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Older' }) as HTMLButtonElement).disabled).toBe(
      true,
    );
  });

  test('a failure to load is shown, not an empty log, and can be retried', async () => {
    const auditLog = vi
      .fn<(query: AuditQuery) => Promise<AuditLog>>()
      .mockRejectedValueOnce(new RequestError('NETWORK', 'The server cannot be reached.'))
      .mockResolvedValue({ items: [], total: 0 });
    await setup({ auditLog });
    fireEvent.click(screen.getByRole('tab', { name: 'Audit log' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/cannot be reached/);
    expect(screen.queryByText('Nothing recorded yet.')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('Nothing recorded yet.')).toBeTruthy();
  });
});

describe('settings: the site’s words per language', () => {
  test('an owner gives Polish words, which are saved without the empty ones', async () => {
    const { api } = await setup({ updateSite: vi.fn(async (_id, _patch) => makeSite()) });
    const texts = screen.getByRole('group', { name: 'Texts per language' });
    fireEvent.change(within(texts).getByRole('combobox', { name: 'Language of these texts' }), {
      target: { value: 'pl' },
    });
    setValue(within(texts).getByRole('textbox', { name: 'Greeting (Polish)' }), 'Dzień dobry!');
    setValue(
      within(texts).getByRole('textbox', { name: 'Satisfaction question (Polish)' }),
      '  Jak oceniasz tę rozmowę?  ',
    );
    setValue(within(texts).getByRole('textbox', { name: 'Away message (Polish)' }), '   ');
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(api.updateSite).toHaveBeenCalled());
    expect(api.updateSite.mock.calls[0]?.[1].widget?.texts).toEqual({
      pl: { greeting: 'Dzień dobry!', csatQuestion: 'Jak oceniasz tę rozmowę?' },
    });
  });
});

describe('settings: turning the chat off', () => {
  test('an owner turns a site’s chat off, told first what that does', async () => {
    const { api } = await setup({ updateSite: vi.fn(async (_id, _patch) => makeSite()) });
    const toggle = screen.getByRole('checkbox', { name: 'Chat on this site' });
    expect((toggle as HTMLInputElement).checked).toBe(true);
    expect(toggle.getAttribute('aria-describedby')).toBeTruthy();
    expect(
      document.getElementById(toggle.getAttribute('aria-describedby') ?? '')?.textContent,
    ).toContain('conversations stay here');
    fireEvent.click(toggle);
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(api.updateSite).toHaveBeenCalled());
    expect(api.updateSite.mock.calls[0]?.[1].widget?.enabled).toBe(false);
  });
});
