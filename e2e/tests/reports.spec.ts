import type { Locator, Page } from '@playwright/test';
import { expect, test } from '../fixtures';
import type { Report, Site } from '../support/relay-types';
import type { RestApi } from '../support/rest-api';
import { picture } from '../support/screenshots';

const ANSWERED = { name: 'Ana Ionescu', email: 'ana.ionescu@example.ro' };
const UNANSWERED = { name: 'Mihai Pop', email: 'mihai.pop@example.ro' };
const COMMENT = 'Quick and clear, thank you!';

/** The owner's GET of a report (or one of its CSV tables) for the query string the page shows. */
async function fetchReport(relayUrl: string, api: RestApi, path: string): Promise<Response> {
  const response = await fetch(`${relayUrl}${path}`, {
    headers: { authorization: `Bearer ${api.token}` },
  });
  expect(response.status, `${path} answers`).toBe(200);
  return response;
}

/** The query string of the page's address, once the report for it has arrived. */
async function shownFilters(page: Page): Promise<string> {
  const reports = page.getByRole('main', { name: 'Reports' });
  await expect(reports).toHaveAttribute('aria-busy', 'false');
  await expect(page.getByRole('group', { name: 'Conversations' })).toBeVisible();
  return new URL(page.url()).search.slice(1);
}

const count = (value: number) => value.toLocaleString('en');
const share = (value: number | null) =>
  value === null ? '—' : `${(Math.round(value * 1000) / 10).toLocaleString('en')}%`;

async function cardValue(page: Page, name: string): Promise<string> {
  const card: Locator = page.getByRole('group', { name, exact: true });
  return (await card.locator('.report-card-value').textContent()) ?? '';
}

test.describe('Reports', () => {
  test('the owner picks a range and a site; the figures, scorecard and CSV are the relay’s for those filters', async ({
    relay,
    shop,
    widget,
    agent,
    ownerApi,
    newVisitor,
  }) => {
    // A second site with no conversations, so the scorecard has a best and a worst.
    const created = await fetch(`${relay.url}/api/sites`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ownerApi.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Hat Shop' }),
    });
    expect(created.status).toBe(201);
    const hatShop = (await created.json()) as Site;

    // One chat answered, closed and rated; one the visitor gave up on before any reply (missed).
    await widget.visit(shop.url());
    await widget.open();
    await widget.startChat(ANSWERED.name, ANSWERED.email);
    await widget.send('Do you ship to Cluj?');
    await agent.open('Mine', ANSWERED.name);
    await agent.sendReply('Yes, in two days.');
    await agent.button('Close conversation').click();
    await expect(widget.rating).toBeVisible();
    await widget.rate(5, COMMENT);
    await expect(widget.rating).toBeHidden();

    const gaveUp = await newVisitor();
    await gaveUp.visit(shop.url());
    await gaveUp.open();
    await gaveUp.startChat(UNANSWERED.name, UNANSWERED.email);
    await gaveUp.send('Is anyone there?');
    await expect(agent.row(UNANSWERED.name)).toBeVisible();
    await gaveUp.endChat();

    // The console learns of the new site when it loads again.
    const { page } = agent;
    await page.reload();
    await page.getByRole('link', { name: 'Reports' }).click();
    await expect(page.getByRole('heading', { name: 'Reports', level: 1 })).toBeVisible();
    expect(new URL(page.url()).pathname).toBe('/console/reports');

    const today = new Date().toISOString().slice(0, 10);
    const filters = page.getByRole('form', { name: 'Report filters' });
    await filters.getByRole('combobox', { name: 'Time zone' }).selectOption('UTC');
    await filters.getByRole('combobox', { name: 'Period' }).selectOption('custom');
    await filters.getByLabel('From', { exact: true }).fill(today);
    await filters.getByLabel('To', { exact: true }).fill(today);
    await expect(page).toHaveURL(/period=custom&from=\d{4}-\d{2}-\d{2}&to=/);

    // Both sites: the scorecard ranks them, as the relay does.
    const both = await shownFilters(page);
    expect(both).toBe(`period=custom&from=${today}&to=${today}&timeZone=UTC`);
    const network = (await (
      await fetchReport(relay.url, ownerApi, `/api/reports?${both}`)
    ).json()) as Report;
    expect(network.scorecard.rows.map((row) => row.siteName).sort()).toEqual([
      'Demo shop',
      'Hat Shop',
    ]);
    const scorecard = page.getByRole('region', { name: 'Network scorecard' });
    for (const row of network.scorecard.rows) {
      const shown = scorecard.getByRole('row').filter({
        has: page.getByRole('rowheader', { name: row.siteName, exact: true }),
      });
      const cells = shown.getByRole('cell');
      const mark = (column: keyof Report['scorecard']['marks']) =>
        network.scorecard.marks[column].best.includes(row.siteId)
          ? 'best'
          : network.scorecard.marks[column].worst.includes(row.siteId)
            ? 'worst'
            : '';
      await expect(cells.nth(0)).toHaveText(
        `${count(row.figures.conversations)}${mark('conversations')}`,
      );
      await expect(cells.nth(1)).toHaveText(`${count(row.figures.missed)}${mark('missed')}`);
      await expect(cells.nth(3)).toHaveText(
        `${share(row.figures.resolutionRate)}${mark('resolutionRate')}`,
      );
      await expect(cells.nth(5)).toHaveText(
        `${share(row.figures.satisfaction.csat)}${mark('csat')}`,
      );
    }
    expect(network.scorecard.marks.conversations.worst).toEqual([hatShop.id]);
    await picture(page, 'console-reports');
    await page.getByRole('region', { name: 'Busiest hours' }).scrollIntoViewIfNeeded();
    await picture(page, 'console-reports-heatmap');
    await scorecard.scrollIntoViewIfNeeded();
    await picture(page, 'console-reports-scorecard');

    // The scorecard's CSV is the relay's CSV for the same filters.
    const download = page.waitForEvent('download');
    await scorecard.getByRole('button', { name: 'Download CSV' }).click();
    const saved = await download;
    const file = await saved.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of file) chunks.push(chunk as Buffer);
    const expectedCsv = await (
      await fetchReport(relay.url, ownerApi, `/api/reports.csv?${both}&table=scorecard`)
    ).text();
    expect(Buffer.concat(chunks).toString('utf8')).toBe(expectedCsv);
    expect(expectedCsv.split('\n')[0]).toContain('site');

    // Only the demo site: the headline figures are the relay's for it.
    await filters.getByRole('checkbox', { name: 'Hat Shop' }).uncheck();
    await expect(page).toHaveURL(new RegExp(`siteIds=${relay.siteId}`));
    const one = await shownFilters(page);
    const report = (await (
      await fetchReport(relay.url, ownerApi, `/api/reports?${one}`)
    ).json()) as Report;
    expect(report.filters.siteIds).toEqual([relay.siteId]);
    expect(report.totals.conversations).toBe(2);
    expect(report.totals.missed).toBe(1);
    expect(await cardValue(page, 'Conversations')).toBe(count(report.totals.conversations));
    expect(await cardValue(page, 'Missed chats')).toBe(count(report.totals.missed));
    expect(await cardValue(page, 'Resolution rate')).toBe(share(report.totals.resolutionRate));
    expect(await cardValue(page, 'CSAT')).toBe(share(report.totals.satisfaction.csat));
    expect(await cardValue(page, 'Complaints')).toBe(share(report.totals.complaints.share));
    if (report.totals.firstResponse.median !== null)
      expect(await cardValue(page, 'Median first response')).not.toBe('—');

    // The comment links to its conversation, which opens in the inbox.
    const comments = page.getByRole('region', { name: 'Comments' });
    await expect(comments).toContainText(COMMENT);
    await comments.getByRole('link', { name: 'Open conversation' }).click();
    await expect(agent.conversation(ANSWERED.name)).toBeVisible();
    await page.goBack();
    await expect(page.getByRole('heading', { name: 'Reports', level: 1 })).toBeVisible();
    expect(new URL(page.url()).search.slice(1)).toBe(one);

    // On a phone-wide screen the page does not scroll sideways; the wide tables scroll inside.
    await page.setViewportSize({ width: 390, height: 800 });
    const main = page.getByRole('main', { name: 'Reports' });
    await expect(main.getByRole('table').first()).toBeAttached();
    const overflow = await main.evaluate((element) => ({
      page: element.scrollWidth - element.clientWidth,
      heatmap: [...element.querySelectorAll('.table-scroll')].some(
        (box) => box.scrollWidth > box.clientWidth,
      ),
    }));
    expect(overflow).toEqual({ page: 0, heatmap: true });
    await picture(page, 'console-reports-narrow');
  });
});
