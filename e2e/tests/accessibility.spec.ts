import { expect, test } from '../fixtures';
import { seriousViolations } from '../support/axe';
import { OWNER } from '../support/relay';
import { picture } from '../support/screenshots';

test.describe('Accessibility', () => {
  test('the widget has no serious or critical axe violations when closed, at pre-chat, while chatting and at rating', async ({
    shop,
    widget,
    agent,
  }) => {
    const found: Record<string, string[]> = {};
    await widget.visit(shop.url());
    found['closed'] = await seriousViolations(widget.page);

    await widget.open();
    found['pre-chat'] = await seriousViolations(widget.page);

    await widget.startChat('Elena Ionescu', 'elena@example.ro');
    await widget.send('Bună ziua, am o întrebare despre comanda mea.');
    await agent.open('Mine', 'Elena Ionescu');
    await agent.sendReply('Bună ziua, Elena! Cu ce vă pot ajuta?');
    await expect(widget.log).toContainText('Cu ce vă pot ajuta?');
    found['chatting'] = await seriousViolations(widget.page);

    await widget.menuButton.click();
    await expect(widget.endChatItem).toBeFocused();
    found['menu'] = await seriousViolations(widget.page);
    await widget.endChatItem.click();
    await expect(widget.panel.getByRole('group', { name: 'End this chat?' })).toBeVisible();
    found['end-chat question'] = await seriousViolations(widget.page);
    await widget.panel.getByRole('button', { name: 'Keep chatting', exact: true }).click();

    await agent.button('Close conversation').click();
    await expect(widget.rating).toBeVisible();
    found['rating'] = await seriousViolations(widget.page);

    expect(found).toEqual({
      closed: [],
      'pre-chat': [],
      chatting: [],
      menu: [],
      'end-chat question': [],
      rating: [],
    });
  });

  test('the widget has no serious or critical axe violations in the offline form', async ({
    shop,
    widget,
  }) => {
    const found: Record<string, string[]> = {};
    await widget.visit(shop.url());
    await widget.open();
    await expect(widget.leaveMessageButton).toBeVisible();
    found['offline form'] = await seriousViolations(widget.page);

    expect(found).toEqual({ 'offline form': [] });
  });

  test('the console has no serious or critical axe violations at sign-in, in the inbox, in a conversation and in settings', async ({
    relay,
    shop,
    widget,
    signInConsole,
    browser,
  }) => {
    const found: Record<string, string[]> = {};
    const context = await browser.newContext({ viewport: { width: 1366, height: 820 } });
    const signIn = await context.newPage();
    await signIn.goto(`${relay.url}/console`);
    await expect(signIn.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();
    await picture(signIn, 'console-sign-in');
    found['sign-in'] = await seriousViolations(signIn);
    await context.close();

    const agent = await signInConsole(OWNER.email, OWNER.password);
    await agent.goOnline();
    await widget.visit(shop.url());
    await widget.open();
    await widget.startChat('Hoa Phạm', 'hoa@example.vn');
    await widget.send('Xin chào, cửa hàng có giao hàng đến Đà Nẵng không?');

    await agent.tab('Mine').click();
    await expect(agent.row('Hoa Phạm')).toBeVisible();
    found['inbox'] = await seriousViolations(agent.page);

    await agent.open('Mine', 'Hoa Phạm');
    await agent.sendReply('Chào chị Hoa, có ạ — giao trong 2 ngày.');
    found['conversation'] = await seriousViolations(agent.page);

    await agent.page.getByRole('button', { name: 'Settings' }).click();
    await expect(agent.page.getByRole('heading', { name: 'Settings' })).toBeVisible();
    await picture(agent.page, 'console-settings');
    found['settings'] = await seriousViolations(agent.page);

    expect(found).toEqual({ 'sign-in': [], inbox: [], conversation: [], settings: [] });
  });
});
