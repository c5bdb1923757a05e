import { expect, test } from '../fixtures';
import { picture } from '../support/screenshots';
import { paragraph } from '../support/texts';

const VIEWPORT = { width: 390, height: 844 };

test.use({ viewport: VIEWPORT, isMobile: true, hasTouch: true });

test.describe('Mobile', () => {
  test('at 390×844 the panel fills the screen and the composer stays visible as the chat grows', async ({
    shop,
    widget,
    agent,
  }) => {
    await widget.visit(shop.url());
    await picture(widget.page, 'widget-mobile-closed');
    await widget.open();
    await picture(widget.page, 'widget-mobile-prechat');
    const box = await widget.panel.boundingBox();
    expect(box).not.toBeNull();
    expect(Math.round(box!.x)).toBe(0);
    expect(Math.round(box!.y)).toBe(0);
    expect(Math.round(box!.width)).toBe(VIEWPORT.width);
    expect(Math.round(box!.height)).toBe(VIEWPORT.height);

    await widget.startChat('Lê Minh', 'minh@example.vn');
    for (let i = 0; i < 4; i++) {
      await widget.send(paragraph('vi2', i));
      await expect(widget.composer).toBeInViewport({ ratio: 1 });
      await expect(widget.sendButton).toBeInViewport({ ratio: 1 });
    }
    await agent.open('Mine', 'Lê Minh');
    await agent.sendReply('Chào anh Minh, chúng tôi đã nhận được tin nhắn.');
    await expect(widget.log).toContainText('chúng tôi đã nhận được tin nhắn');
    await expect(widget.composer).toBeInViewport({ ratio: 1 });
    await widget.composer.focus();
    await expect(widget.composer).toBeInViewport({ ratio: 1 });
    await picture(widget.page, 'widget-mobile');

    await agent.button('Close conversation').click();
    await expect(widget.rating).toBeVisible();
    await expect(widget.rating).toBeInViewport();
    await picture(widget.page, 'widget-mobile-rating');
  });

  test('at 390×844 the offline form fills the screen and its button is reachable', async ({
    shop,
    widget,
  }) => {
    await widget.visit(shop.url());
    await widget.open();
    const box = await widget.panel.boundingBox();
    expect(Math.round(box!.width)).toBe(VIEWPORT.width);
    expect(Math.round(box!.height)).toBe(VIEWPORT.height);
    await widget.leaveMessageButton.scrollIntoViewIfNeeded();
    await expect(widget.leaveMessageButton).toBeInViewport({ ratio: 1 });
    await picture(widget.page, 'widget-mobile-offline');
  });
});
