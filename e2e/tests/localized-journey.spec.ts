import { expect, test } from '../fixtures';
import { OWNER } from '../support/relay';
import { Widget } from '../support/widget';
import { POLISH_NAMES } from '../support/widget-names';

const VISITOR = { name: 'Anna Zielińska', email: 'anna.zielinska@example.pl' };
const QUESTION = 'Dzień dobry, proszę o rachunek za zamówienie PL-4521.';

test.describe('In the visitor’s language, all the way through', () => {
  test('a Polish visitor reads the shop’s own Polish words, the relay’s lines in Polish, and sees the agent go away', async ({
    relay,
    shop,
    page,
    ownerApi,
    agent,
  }) => {
    await ownerApi.updateSite(relay.siteId, {
      widget: {
        greeting: 'Hi! How can we help?',
        prechatFields: [
          { key: 'name', label: 'Name', type: 'text', required: true },
          { key: 'email', label: 'Email', type: 'email', required: true },
          { key: 'order', label: 'Order number', type: 'text', required: false },
        ],
        texts: {
          pl: {
            greeting: 'Dzień dobry! W czym możemy pomóc?',
            fieldLabels: { order: 'Numer zamówienia' },
          },
        },
      },
    });
    // The agent's shift starts after the owner set the site up.
    await agent.page.reload();
    await agent.goOnline();
    const widget = new Widget(page, POLISH_NAMES);
    await page.goto(shop.url('home', { locale: 'pl' }));
    await widget.open();
    await expect(widget.panel.getByRole('textbox', { name: 'Numer zamówienia' })).toBeVisible();
    await widget.panel.getByRole('textbox', { name: 'Numer zamówienia' }).fill('PL-4521');
    await widget.startChat(VISITOR.name, VISITOR.email);
    await expect(widget.log).toContainText('Dzień dobry! W czym możemy pomóc?');
    await expect(widget.log).not.toContainText('Hi! How can we help?');
    await widget.send(QUESTION);

    // The relay's line about the agent arrives as data and reads in Polish.
    await expect(widget.log).toContainText(`${OWNER.name} dołącza do rozmowy`);
    await expect(widget.log).not.toContainText('joined');

    // The console shows the pre-chat answer under its question, not its key.
    await agent.open('Mine', VISITOR.name);
    await expect(agent.page.getByRole('complementary', { name: 'Visitor' })).toContainText(
      'Order number',
    );

    // The agent steps away: the visitor's header says so, in Polish, at once.
    await agent.onlineSwitch.click();
    await expect(agent.onlineSwitch).not.toBeChecked();
    await expect(widget.panel.getByRole('banner')).toContainText('Zaraz wracam');
    await expect(widget.panel.getByRole('banner')).not.toContainText('Dostępny');
  });

  test('the agent finds the visitor without typing accents, and a word by its start, with the message that matched', async ({
    shop,
    page,
    agent,
  }) => {
    const widget = new Widget(page, POLISH_NAMES);
    await page.goto(shop.url('home', { locale: 'pl' }));
    await widget.open();
    await widget.startChat(VISITOR.name, VISITOR.email);
    await widget.send(QUESTION);

    const search = agent.page.getByRole('searchbox', { name: 'Search conversations' });
    await search.fill('zielinska');
    await expect(agent.page.getByRole('option').filter({ hasText: VISITOR.name })).toBeVisible();
    await search.fill('rach');
    const result = agent.page.getByRole('option').filter({ hasText: VISITOR.name });
    await expect(result).toContainText('rachunek');
    await expect(result.locator('mark')).toHaveText(/^rach$/i);
  });
});
