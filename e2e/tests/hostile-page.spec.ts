import { expect, test } from '../fixtures';
import type { Locator } from '@playwright/test';
import { differentPixels } from '../support/pixels';
import { picture } from '../support/screenshots';
import type { Widget } from '../support/widget';

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
  return locator.evaluate(
    (element, properties) => {
      const style = getComputedStyle(element);
      return Object.fromEntries(properties.map((name) => [name, style.getPropertyValue(name)]));
    },
    PROPERTIES as unknown as string[],
  );
}

/** The panel's pixels, inset past its rounded corners (which show the page behind them). */
async function insidePanel(widget: Widget): Promise<Buffer> {
  const box = await widget.panel.boundingBox();
  if (!box) throw new Error('the panel is not on screen');
  const inset = 16;
  return widget.page.screenshot({
    animations: 'disabled',
    caret: 'hide',
    clip: {
      x: box.x + inset,
      y: box.y + inset,
      width: box.width - 2 * inset,
      height: box.height - 2 * inset,
    },
  });
}

test.describe('Hostile stylesheet', () => {
  test('a page that restyles every element changes nothing in the widget, and its controls still work', async ({
    shop,
    widget,
    smtp,
  }, testInfo) => {
    const parts = (w: Widget) => ({
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
    for (const [part, locator] of Object.entries(parts(widget)))
      expected[part] = await styleOf(locator);
    const plainPicture = await insidePanel(widget);

    await widget.visit(shop.url('hostile'));
    // The page's own buttons are gone; the widget's are not. It was open on the previous page of
    // the site in this tab, so it comes back open.
    await expect(widget.closeButton).toBeVisible();
    await widget.ensureOpen();
    await expect(widget.leaveMessageButton).toBeVisible();
    for (const [part, locator] of Object.entries(parts(widget))) {
      expect(await styleOf(locator), `computed style of the ${part}`).toEqual(expected[part]);
    }
    await picture(widget.page, 'widget-hostile-page');
    const hostilePicture = await insidePanel(widget);
    await testInfo.attach('panel on the plain page', {
      body: plainPicture,
      contentType: 'image/png',
    });
    await testInfo.attach('panel on the hostile page', {
      body: hostilePicture,
      contentType: 'image/png',
    });
    // Anti-aliasing may move a few pixels; the page's red 40px text or hidden buttons would move thousands.
    expect(
      await differentPixels(widget.page, plainPicture, hostilePicture),
      'share of pixels that changed',
    ).toBeLessThan(0.002);

    await widget.leaveOfflineMessage(
      'Ana Reyes',
      'ana.reyes@example.ph',
      'Gumagana pa rin ang form kahit pangit ang tema.',
    );
    await expect(widget.panel).toContainText('Your message has been sent');
    await smtp.waitFor((mail) => mail.text.includes('Gumagana pa rin ang form'));
  });
});
