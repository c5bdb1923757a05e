import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { Report, ReportQuery } from '@parley/shared';
import { RequestError } from '../api/request-error';
import type { DrawLineChart } from '../platform/line-chart';
import { createTestWorkspace, type ApiOverrides, type TestWorkspace } from '../testing/fakes';
import { makeAgent, makeDetail, makeSite } from '../testing/fixtures';
import { emptyFigures, makeReport } from '../testing/report-fixtures';
import { ReportsView } from './ReportsView';
import { WorkspaceView } from './WorkspaceView';

let current: TestWorkspace | null = null;
afterEach(() => {
  cleanup();
  current?.workspace.dispose();
  current = null;
});

const owner = makeAgent({ id: 'owner-1', name: 'Olivia Owner', role: 'owner' });
const sites = [makeSite(), makeSite({ id: 'site-2', name: 'Hat Shop' })];
/** happy-dom has no canvas: the charts' drawing is recorded instead of painted. */
const drawn: Parameters<DrawLineChart>[1][] = [];
const draw: DrawLineChart = async (_target, chart) => {
  drawn.push(chart);
  return { resize: () => {}, destroy: () => {} };
};

async function setup(
  options: { path?: string; api?: ApiOverrides; report?: Report; workspaceView?: boolean } = {},
) {
  drawn.length = 0;
  const report = options.report ?? makeReport();
  current = createTestWorkspace({
    agent: owner,
    path: options.path ?? '/console/reports',
    api: { report: async () => report, ...options.api },
  });
  current.socket.respond('agent:hello', () => ({
    agent: owner,
    sites,
    agents: [owner, makeAgent()],
  }));
  current.socket.setState('connected');
  render(
    options.workspaceView ? (
      <WorkspaceView workspace={current.workspace} onSignOut={vi.fn()} />
    ) : (
      <ReportsView workspace={current.workspace} draw={draw} />
    ),
  );
  if (current.address.history.path().startsWith('/console/reports'))
    await screen.findByRole('heading', { name: 'Reports', level: 1 });
  return current;
}

const card = (name: string) => screen.getByRole('group', { name });
const section = (name: string) => screen.getByRole('region', { name });
const lastQuery = (current: TestWorkspace): ReportQuery | undefined =>
  current.api.report.mock.calls.at(-1)?.[0];

describe('reports: figures', () => {
  test('the headline cards show the period’s figures, durations and shares readably', async () => {
    await setup();
    await waitFor(() => expect(within(card('Conversations')).getByText('42')).toBeTruthy());
    expect(within(card('Conversations')).getByText('37 chats · 5 offline messages')).toBeTruthy();
    expect(within(card('Missed chats')).getByText('3')).toBeTruthy();
    expect(within(card('Median first response')).getByText('1m 35s')).toBeTruthy();
    expect(within(card('Median first response')).getByText('90th percentile 5m 00s')).toBeTruthy();
    expect(within(card('Median time in queue')).getByText('41.5s')).toBeTruthy();
    expect(within(card('Resolution rate')).getByText('80%')).toBeTruthy();
    expect(within(card('Complaints')).getByText('4.8%')).toBeTruthy();
    expect(within(card('CSAT')).getByText('90%')).toBeTruthy();
    expect(within(card('CSAT')).getByText('Average 4.4 / 5 · 40% answered')).toBeTruthy();
    expect(within(card('NPS')).getByText('+50')).toBeTruthy();
    expect(within(card('Returning visitors')).getByText('14.3%')).toBeTruthy();
  });

  test('a figure with nothing to measure reads as a dash, not as zero', async () => {
    await setup({ report: makeReport({ totals: emptyFigures() }) });
    await waitFor(() => expect(within(card('Conversations')).getByText('0')).toBeTruthy());
    for (const name of ['Median first response', 'Resolution rate', 'CSAT', 'NPS'])
      expect(within(card(name)).getByText('—')).toBeTruthy();
  });

  test('the network scorecard marks the best and worst site of each column in words', async () => {
    await setup();
    const table = await waitFor(() => within(section('Network scorecard')).getByRole('table'));
    const [header, shoes, hats] = within(table).getAllByRole('row');
    const columns = within(header!)
      .getAllByRole('columnheader')
      .map((cell) => cell.textContent);
    expect(columns).toEqual([
      'Site',
      'Conversations',
      'Missed',
      'Median first response',
      'Resolution rate',
      'Complaints',
      'CSAT',
      'NPS',
    ]);
    const cells = (row: HTMLElement) =>
      within(row)
        .getAllByRole('cell')
        .map((c) => c.textContent);
    expect(within(shoes!).getByRole('rowheader').textContent).toBe('Shoe Shop');
    expect(cells(shoes!)).toEqual(['30best', '1best', '1m 35s', '80%', '4.8%', '90%', '+70best']);
    expect(within(hats!).getByRole('rowheader').textContent).toBe('Hat Shop');
    expect(cells(hats!)).toEqual(['12worst', '2worst', '1m 35s', '80%', '4.8%', '90%', '−10worst']);
  });

  test('the agents table shows each agent’s workload', async () => {
    await setup();
    const table = await waitFor(() => within(section('Agents')).getByRole('table'));
    const row = within(table).getByRole('row', { name: /Ana Agent/ });
    expect(
      within(row)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ).toEqual(['17', '4', '230', '1m 05s', '83.3%', '10h 00m', '7h 30m', '75%']);
  });

  test('the heatmap is a table of weekdays by hours whose cells say what they count', async () => {
    await setup();
    const table = await waitFor(() => within(section('Busiest hours')).getByRole('table'));
    expect(within(table).getAllByRole('row')).toHaveLength(8);
    const busiest = within(table).getByTitle('Tuesday 09:00–10:00: 7 conversations');
    expect(busiest.textContent).toBe('7');
    expect(busiest.getAttribute('aria-label')).toBe('Tuesday 09:00–10:00: 7 conversations');
    expect(within(table).getByTitle('Thursday 15:00–16:00: 2 conversations').textContent).toBe('2');
    expect(within(table).getByTitle('Sunday 00:00–01:00: 0 conversations')).toBeTruthy();
  });

  test('each chart is drawn with its days and has the same figures as a table', async () => {
    await setup();
    const trend = await waitFor(() => section('Trend'));
    await waitFor(() => expect(drawn).toHaveLength(3));
    expect(drawn[0]?.days).toEqual(['2026-03-01', '2026-03-02', '2026-03-03']);
    // Counts, durations and shares each get their own kind of axis.
    expect(drawn.map((chart) => chart.scale)).toEqual(['count', 'seconds', 'share']);
    expect(drawn[0]?.series.map((line) => [line.label, line.values])).toEqual([
      ['Conversations', [10, 0, 32]],
      ['Missed', [1, 0, 2]],
    ]);
    const chart = within(trend).getByRole('img', { name: /^Conversations per day/ });
    expect(chart.getAttribute('aria-label')).toContain('Conversations between 0 and 32');

    const figure = within(trend).getByRole('figure', { name: 'Conversations per day' });
    fireEvent.click(within(figure).getByText('Show as table'));
    const table = within(figure).getByRole('table', { name: 'Conversations per day' });
    const rows = within(table)
      .getAllByRole('row')
      .map((row) => [...row.children].map((cell) => cell.textContent));
    expect(rows).toEqual([
      ['Day', 'Conversations', 'Missed'],
      ['2026-03-01', '10', '1'],
      ['2026-03-02', '0', '0'],
      ['2026-03-03', '32', '2'],
    ]);
    const speed = within(trend).getByRole('figure', { name: 'Median first response per day' });
    expect(within(speed).getAllByText('1m 35s')).toHaveLength(3);
  });

  test('each comment links to its conversation, which opens in the console', async () => {
    const { workspace, address } = await setup({
      api: { getConversation: async (id) => makeDetail({ id }) },
    });
    const comments = await waitFor(() => section('Comments'));
    expect(within(comments).getByText('The hat never arrived')).toBeTruthy();
    expect(within(comments).getByText(/CSAT 2\/5 · NPS 3\/10 · Hat Shop · Ana Agent/)).toBeTruthy();
    const link = within(comments).getByRole('link', { name: 'Open conversation' });
    expect(link.getAttribute('href')).toBe('/console/conversations/conv-9');
    fireEvent.click(link);
    expect(address.history.path()).toBe('/console/conversations/conv-9');
    expect(workspace.page.value).toBe('inbox');
    expect(workspace.conversation.selectedId.value).toBe('conv-9');
  });
});

describe('reports: filters in the address', () => {
  test('the filters of a shared link are shown and sent to the relay', async () => {
    const current = await setup({
      path: '/console/reports?siteIds=site-2&agentId=agent-1&period=custom&from=2026-03-01&to=2026-03-03&timeZone=Europe%2FBucharest&businessHours=true',
    });
    await waitFor(() => expect(current.api.report).toHaveBeenCalled());
    expect(lastQuery(current)).toEqual({
      siteIds: 'site-2',
      agentId: 'agent-1',
      period: 'custom',
      from: '2026-03-01',
      to: '2026-03-03',
      timeZone: 'Europe/Bucharest',
      businessHours: 'true',
    });
    const form = screen.getByRole('form', { name: 'Report filters' });
    expect(within(form).getByRole<HTMLInputElement>('checkbox', { name: 'Hat Shop' }).checked).toBe(
      true,
    );
    expect(
      within(form).getByRole<HTMLInputElement>('checkbox', { name: 'Shoe Shop' }).checked,
    ).toBe(false);
    expect(within(form).getByRole<HTMLSelectElement>('combobox', { name: 'Agent' }).value).toBe(
      'agent-1',
    );
    expect(within(form).getByRole<HTMLSelectElement>('combobox', { name: 'Period' }).value).toBe(
      'custom',
    );
    expect(within(form).getByLabelText<HTMLInputElement>('From').value).toBe('2026-03-01');
    expect(within(form).getByLabelText<HTMLInputElement>('To').value).toBe('2026-03-03');
    expect(within(form).getByRole<HTMLSelectElement>('combobox', { name: 'Time zone' }).value).toBe(
      'Europe/Bucharest',
    );
    expect(
      within(form).getByRole<HTMLInputElement>('checkbox', { name: 'Business hours only' }).checked,
    ).toBe(true);
  });

  test('without filters the report is the last 30 days of every site, in the zone it says', async () => {
    const current = await setup();
    await waitFor(() => expect(current.api.report).toHaveBeenCalled());
    expect(lastQuery(current)).toEqual({ period: '30d' });
    const form = screen.getByRole('form', { name: 'Report filters' });
    for (const name of ['Shoe Shop', 'Hat Shop'])
      expect(within(form).getByRole<HTMLInputElement>('checkbox', { name }).checked).toBe(true);
    expect(within(form).getByRole<HTMLSelectElement>('combobox', { name: 'Agent' }).value).toBe('');
    await waitFor(() =>
      expect(
        within(form).getByRole<HTMLSelectElement>('combobox', { name: 'Time zone' }).value,
      ).toBe('Europe/Bucharest'),
    );
  });

  test('changing a filter puts it in the address and fetches that report; Back returns', async () => {
    const current = await setup();
    const { address, api } = current;
    await waitFor(() => expect(api.report).toHaveBeenCalledTimes(1));
    fireEvent.change(screen.getByRole('combobox', { name: 'Period' }), {
      target: { value: '7d' },
    });
    expect(address.history.path()).toBe('/console/reports?period=7d');
    await waitFor(() => expect(api.report).toHaveBeenCalledTimes(2));
    expect(lastQuery(current)).toEqual({ period: '7d' });

    fireEvent.click(screen.getByRole('checkbox', { name: 'Shoe Shop' }));
    expect(address.history.path()).toBe('/console/reports?siteIds=site-2&period=7d');
    await waitFor(() => expect(lastQuery(current)).toEqual({ siteIds: 'site-2', period: '7d' }));
    // The last site ticked cannot be unticked: a report covers at least one.
    expect(screen.getByRole<HTMLInputElement>('checkbox', { name: 'Hat Shop' }).disabled).toBe(
      true,
    );

    address.back();
    await waitFor(() => expect(lastQuery(current)).toEqual({ period: '7d' }));
    expect(screen.getByRole<HTMLInputElement>('checkbox', { name: 'Shoe Shop' }).checked).toBe(
      true,
    );
    address.back();
    await waitFor(() => expect(lastQuery(current)).toEqual({ period: '30d' }));
    expect(screen.getByRole<HTMLSelectElement>('combobox', { name: 'Period' }).value).toBe('30d');
  });

  test('a custom range starts from the days on screen, and each date sent is the one picked', async () => {
    const current = await setup();
    await waitFor(() => expect(within(card('Conversations')).getByText('42')).toBeTruthy());
    fireEvent.change(screen.getByRole('combobox', { name: 'Period' }), {
      target: { value: 'custom' },
    });
    expect(current.address.history.path()).toBe(
      '/console/reports?period=custom&from=2026-03-01&to=2026-03-03',
    );
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-02-15' } });
    await waitFor(() =>
      expect(lastQuery(current)).toEqual({
        period: 'custom',
        from: '2026-02-15',
        to: '2026-03-03',
      }),
    );
  });

  test('a month is picked with a month field', async () => {
    const current = await setup();
    await waitFor(() => expect(within(card('Conversations')).getByText('42')).toBeTruthy());
    fireEvent.change(screen.getByRole('combobox', { name: 'Period' }), {
      target: { value: 'month' },
    });
    expect(current.address.history.path()).toBe('/console/reports?period=month&month=2026-03');
    fireEvent.change(screen.getByLabelText('Month'), { target: { value: '2026-01' } });
    await waitFor(() => expect(lastQuery(current)).toEqual({ period: 'month', month: '2026-01' }));
  });

  test('the time zone and business hours are filters too', async () => {
    const current = await setup();
    await waitFor(() => expect(current.api.report).toHaveBeenCalled());
    fireEvent.change(screen.getByRole('combobox', { name: 'Time zone' }), {
      target: { value: 'Asia/Tokyo' },
    });
    fireEvent.click(screen.getByRole('checkbox', { name: 'Business hours only' }));
    expect(current.address.history.path()).toBe(
      '/console/reports?timeZone=Asia%2FTokyo&businessHours=true',
    );
    await waitFor(() =>
      expect(lastQuery(current)).toEqual({
        period: '30d',
        timeZone: 'Asia/Tokyo',
        businessHours: 'true',
      }),
    );
  });
});

describe('reports: an agent’s view', () => {
  test('an agent can narrow the report to themselves only, not to a colleague', async () => {
    drawn.length = 0;
    const agent = makeAgent();
    current = createTestWorkspace({ agent, path: '/console/reports' });
    current.socket.respond('agent:hello', () => ({
      agent,
      sites: [makeSite()],
      agents: [agent, owner, makeAgent({ id: 'agent-2', name: 'Bo Colleague' })],
    }));
    current.socket.setState('connected');
    render(<ReportsView workspace={current.workspace} draw={draw} />);
    const select = await screen.findByRole('combobox', { name: 'Agent' });
    await waitFor(() => expect(screen.getByRole('checkbox', { name: 'Shoe Shop' })).toBeTruthy());
    expect(
      within(select)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['All agents', 'Ana Agent']);
  });
});

describe('reports: downloads and failures', () => {
  test('Download CSV fetches that table with the filters on screen and saves it', async () => {
    const csv = new Blob(['site,conversations\nShoe Shop,30\n'], { type: 'text/csv' });
    const { api, saveFile } = await setup({
      path: '/console/reports?period=7d&timeZone=UTC',
      api: { reportCsv: async () => csv },
    });
    const scorecard = await waitFor(() => section('Network scorecard'));
    fireEvent.click(within(scorecard).getByRole('button', { name: 'Download CSV' }));
    await waitFor(() => expect(saveFile).toHaveBeenCalledOnce());
    expect(api.reportCsv).toHaveBeenCalledWith({
      period: '7d',
      timeZone: 'UTC',
      table: 'scorecard',
    });
    expect(saveFile).toHaveBeenCalledWith(
      csv,
      'parley-report-scorecard-2026-03-01-to-2026-03-03.csv',
    );
    for (const [name, table] of [
      ['Trend', 'trend'],
      ['Busiest hours', 'heatmap'],
      ['Agents', 'agents'],
      ['Comments', 'comments'],
    ] as const) {
      fireEvent.click(within(section(name)).getByRole('button', { name: 'Download CSV' }));
      await waitFor(() =>
        expect(api.reportCsv).toHaveBeenLastCalledWith({ period: '7d', timeZone: 'UTC', table }),
      );
      await waitFor(() =>
        expect(within(section(name)).getByRole('button', { name: 'Download CSV' })).toHaveProperty(
          'disabled',
          false,
        ),
      );
    }
  });

  test('a CSV the relay refuses is explained beside its button', async () => {
    const { saveFile } = await setup({
      api: {
        reportCsv: async () => {
          throw new RequestError('RATE_LIMITED', 'Too many downloads');
        },
      },
    });
    const agents = await waitFor(() => section('Agents'));
    fireEvent.click(within(agents).getByRole('button', { name: 'Download CSV' }));
    expect(await within(agents).findByRole('alert')).toBeTruthy();
    expect(within(section('Comments')).queryByRole('alert')).toBeNull();
    expect(saveFile).not.toHaveBeenCalled();
  });

  test('a report the relay refuses shows why, and Try again fetches it', async () => {
    let fail = true;
    const { api } = await setup({
      api: {
        report: async () => {
          if (fail) throw new RequestError('VALIDATION_FAILED', 'from must not be after to');
          return makeReport();
        },
      },
    });
    expect((await screen.findByRole('alert')).textContent).toContain('from must not be after to');
    fail = false;
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(within(card('Conversations')).getByText('42')).toBeTruthy());
    expect(screen.queryByRole('alert')).toBeNull();
    expect(api.report).toHaveBeenCalledTimes(2);
  });

  test('while the report loads the page says so', async () => {
    let answer: (report: Report) => void = () => {};
    await setup({ api: { report: () => new Promise<Report>((resolve) => (answer = resolve)) } });
    expect(screen.getByRole('status').textContent).toBe('Loading the report…');
    answer(makeReport());
    await waitFor(() => expect(screen.queryByRole('status')).toBeNull());
    expect(within(card('Conversations')).getByText('42')).toBeTruthy();
  });
});

describe('reports: navigation', () => {
  test('Reports in the sections opens the page at its address, and Inbox returns', async () => {
    const { address } = await setup({ path: '/console/', workspaceView: true });
    const link = screen.getByRole('link', { name: 'Reports' });
    expect(link.getAttribute('href')).toBe('/console/reports');
    fireEvent.click(link);
    expect(address.history.path()).toBe('/console/reports');
    expect(await screen.findByRole('heading', { name: 'Reports', level: 1 })).toBeTruthy();
    expect(link.getAttribute('aria-current')).toBe('page');

    fireEvent.click(screen.getByRole('button', { name: 'Inbox' }));
    expect(address.history.path()).toBe('/console/');
    expect(screen.queryByRole('heading', { name: 'Reports', level: 1 })).toBeNull();
    expect(screen.getByRole('tab', { name: /Queue/ })).toBeTruthy();

    address.back();
    expect(await screen.findByRole('heading', { name: 'Reports', level: 1 })).toBeTruthy();
  });

  test('the open conversation is still open after a visit to the reports', async () => {
    const { workspace, address } = await setup({
      path: '/console/conversations/conv-1',
      workspaceView: true,
      api: { getConversation: async (id) => makeDetail({ id }) },
    });
    fireEvent.click(screen.getByRole('link', { name: 'Reports' }));
    expect(workspace.conversation.selectedId.value).toBe('conv-1');
    fireEvent.click(screen.getByRole('button', { name: 'Inbox' }));
    expect(address.history.path()).toBe('/console/conversations/conv-1');
    expect(workspace.conversation.selectedId.value).toBe('conv-1');
  });

  test('returning to Reports shows the filters chosen last', async () => {
    const { address } = await setup({ path: '/console/reports?period=today', workspaceView: true });
    fireEvent.click(screen.getByRole('button', { name: 'Inbox' }));
    fireEvent.click(screen.getByRole('link', { name: 'Reports' }));
    expect(address.history.path()).toBe('/console/reports?period=today');
  });
});
