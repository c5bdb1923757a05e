import { expect, test } from '../fixtures';
import type { Locator } from '@playwright/test';
import { picture } from '../support/screenshots';

/** What a visitor would notice if the page's CSS leaked into the widget. */
const PROPERTIES = [
  'display',
  'visibility',
  'position',
  'color',
  'background-color',
  'font-size',
  'font-family',
  'font-weight',
  'line-height',
  'width',
  'height',
  'padding-top',
  'padding-left',
  'border-top-width',
  'border-top-style',
  'border-top-color',
  'border-radius',
] as const;

async function styleOf(locator: Locator): Promise<Record<string, string>> {
  return locator.evaluate((element, properties) => {
    const style = getComputedStyle(element);
    return Object.fromEntries(properties.map((name) => [name, style.getPropertyValue(name)]));
  }, PROPERTIES as unknown as string[]);
}

test.describe('Hostile stylesheet', () => {
  test('a page that restyles every element changes nothing in the widget, and its controls still work', async ({
    shop,
    widget,
    smtp,
  }) => {
    const parts = (w: typeof widget) => ({
      launcher: w.closeButton,
      panel: w.panel,
      name: w.nameField,
      email: w.emailField,
      submit: w.leaveMessageButton,
    });

    await widget.visit(shop.url());
    await widget.open();
    await expect(widget.leaveMessageButton).toBeVisible();
    const expected: Record<string, Record<string, string>> = {};
    for (const [part, locator] of Object.entries(parts(widget))) expected[part] = await styleOf(locator);
    const plainPicture = await widget.panel.screenshot({ animations: 'disabled', caret: 'hide' });

    await widget.visit(shop.url('hostile'));
    // The page's own buttons are gone; the widget's are not.
    await widget.open();
    await expect(widget.leaveMessageButton).toBeVisible();
    for (const [part, locator] of Object.entries(parts(widget))) {
      expect(await styleOf(locator), `computed style of the ${part}`).toEqual(expected[part]);
    }
    await picture(widget.page, 'widget-hostile-page');
    const hostilePicture = await widget.panel.screenshot({ animations: 'disabled', caret: 'hide' });
    expect(hostilePicture.equals(plainPicture), 'the panel looks the same pixel for pixel').toBe(true);

    await widget.leaveOfflineMessage('Ana Reyes', 'ana.reyes@example.ph', 'Gumagana pa rin ang form kahit pangit ang tema.');
    await expect(widget.panel).toContainText('Your message has been sent');
    await smtp.waitFor((mail) => mail.text.includes('Gumagana pa rin ang form'));
  });
});
