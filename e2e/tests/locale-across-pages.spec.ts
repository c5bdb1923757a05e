import { expect, test } from '../fixtures';
import { picture } from '../support/screenshots';
import { POLISH_NAMES } from '../support/widget-names';

/** The demo site's name, as the widget's title shows it. */
const SITE = 'Demo shop';
const VISITOR = { name: 'Ana Kowalska', email: 'ana.kowalska@example.pl' };

test.describe('The language across pages', () => {
  test('a chat begun on a page with data-locale="pl" stays Polish on a page without it, until the visitor picks another language in the menu, which is then kept', async ({
    shop,
    agent,
    newVisitor,
  }) => {
    const widget = await newVisitor(POLISH_NAMES);
    const polishDialog = widget.page.getByRole('dialog', { name: `Czat z ${SITE}` });
    const vietnameseDialog = widget.page.getByRole('dialog', {
      name: `Trò chuyện với ${SITE}`,
    });

    await widget.visit(shop.url('home', { locale: 'pl' }));
    await widget.open();
    await widget.startChat(VISITOR.name, VISITOR.email);
    await widget.send('Dzień dobry, gdzie jest moja paczka?');
    await agent.open('Mine', VISITOR.name);
    const details = agent.page.getByRole('region', { name: 'Details' });
    await expect(details).toContainText('Polish');

    // The delivery page's snippet has no data-locale.
    await widget.page.getByRole('link', { name: 'Delivery and returns' }).click();
    await expect(widget.page).toHaveURL(/delivery/);
    await widget.ensureOpen();
    await expect(polishDialog).toBeVisible();
    await expect(widget.composer).toBeVisible();
    await expect(widget.log).toContainText('Dzień dobry, gdzie jest moja paczka?');
    // The site's name and the presence line are shown whole, not cut into an ellipsis.
    for (const line of [
      widget.panel.getByRole('heading', { name: SITE }),
      widget.panel.getByRole('banner').getByRole('paragraph'),
    ]) {
      expect(await line.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    }

    await widget.menuButton.click();
    const menu = widget.panel.getByRole('menu', { name: POLISH_NAMES.menu });
    await expect(menu.getByRole('menuitemradio', { name: 'Polski' })).toHaveAttribute(
      'aria-checked',
      'true',
    );
    await picture(widget.page, 'widget-menu-polish');
    await menu.getByRole('menuitemradio', { name: 'Tiếng Việt' }).click();
    await expect(vietnameseDialog).toBeVisible();
    await expect(
      widget.panel.getByRole('textbox', { name: 'Tin nhắn', exact: true }),
    ).toBeVisible();
    // The relay hears of it at once: the agent's details show the new language.
    await expect(details).toContainText('Vietnamese');

    // The visitor's own choice outlasts a page that asks for Polish.
    await widget.page.goto(shop.url('home', { locale: 'pl' }));
    await expect(vietnameseDialog).toBeVisible();
  });
});
