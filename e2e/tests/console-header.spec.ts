import type { Locator } from '@playwright/test';
import { expect, test } from '../fixtures';
import { picture } from '../support/screenshots';

const VISITOR = { name: 'Maria Fernanda Albuquerque', email: 'maria.fernanda@example.br' };

/** The vertical middle of what is drawn, to tell whether things sit on one line. */
async function middle(locator: Locator): Promise<number> {
  const box = await locator.boundingBox();
  if (!box) throw new Error('not drawn');
  return box.y + box.height / 2;
}

test.describe("The conversation's header", () => {
  test('at 1,366 px the visitor, status, site, tags and actions fit one line; Download transcript is in More actions', async ({
    shop,
    widget,
    agent,
  }) => {
    await widget.visit(shop.url());
    await widget.open();
    await widget.startChat(VISITOR.name, VISITOR.email);
    await widget.send('Bom dia, preciso de ajuda com um reembolso.');
    await agent.open('Mine', VISITOR.name);
    const { page } = agent;
    const pane = agent.conversation(VISITOR.name);
    await pane.getByRole('button', { name: 'complaint' }).click();
    await pane.getByRole('textbox', { name: 'Add tag' }).fill('refund');
    await pane.getByRole('textbox', { name: 'Add tag' }).press('Enter');
    await expect(pane.getByRole('button', { name: 'Remove tag refund' })).toBeVisible();

    const header = pane.locator('header');
    const line = await middle(pane.getByRole('heading', { name: VISITOR.name }));
    for (const part of [
      pane.getByText(/^Active/),
      pane.getByText('Demo shop', { exact: false }),
      pane.getByRole('button', { name: 'complaint' }),
      pane.getByRole('button', { name: 'Remove tag refund' }),
      agent.button('Transfer'),
      agent.button('Close conversation'),
      page.getByRole('button', { name: 'More actions' }),
    ]) {
      expect(Math.abs((await middle(part)) - line)).toBeLessThanOrEqual(4);
    }
    expect((await header.boundingBox())?.height).toBeLessThanOrEqual(60);
    await picture(header, 'console-conversation-header');

    // The keyboard: ArrowDown opens the menu on its first item, Escape closes it and returns.
    const more = page.getByRole('button', { name: 'More actions' });
    await more.focus();
    await page.keyboard.press('ArrowDown');
    const menu = page.getByRole('menu', { name: 'More actions' });
    await expect(menu.getByRole('menuitem', { name: 'Download transcript' })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(menu).toBeHidden();
    await expect(more).toBeFocused();

    const download = page.waitForEvent('download');
    await agent.downloadTranscript();
    expect((await download).suggestedFilename()).toMatch(/^parley-conversation-.+\.txt$/);
  });
});
