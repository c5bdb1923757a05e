import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures';
import { AgentConsole } from '../support/agent-console';
import { OWNER } from '../support/relay';
import { picture } from '../support/screenshots';

const PHONE = { width: 390, height: 844 };
const VISITOR = { name: 'Inês Carvalho', email: 'ines@example.pt' };

/** How wide the page is drawn: wider than the screen means the agent must scroll sideways. */
async function drawnWidth(page: Page): Promise<number> {
  return page.evaluate(() => document.scrollingElement?.scrollWidth ?? 0);
}

test.describe('The console on a phone', () => {
  test('at 390×844 the list, the conversation and the visitor are views of their own, with ways back, and nothing is wider than the screen', async ({
    browser,
    relay,
    shop,
    widget,
  }) => {
    const context = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
    const agent = new AgentConsole(await context.newPage(), relay.url);
    await agent.signIn(OWNER.email, OWNER.password);
    await agent.goOnline();
    const { page } = agent;

    await widget.visit(shop.url());
    await widget.open();
    await widget.startChat(VISITOR.name, VISITOR.email);
    await widget.send('Olá, a minha encomenda ainda não chegou.');

    await agent.tab('Mine').click();
    await expect(agent.row(VISITOR.name)).toBeVisible();
    expect(await drawnWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await picture(page, 'console-phone-inbox');

    await agent.row(VISITOR.name).click();
    await expect(agent.conversation(VISITOR.name)).toBeVisible();
    await expect(agent.tab('Mine')).toBeHidden();
    await expect(agent.reply).toBeInViewport({ ratio: 1 });
    expect(await drawnWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await agent.sendReply('Bom dia, Inês! Vou verificar agora mesmo.');
    await expect(widget.log).toContainText('Vou verificar agora mesmo');
    await picture(page, 'console-phone-conversation');

    await page.getByRole('button', { name: 'Visitor details', exact: true }).click();
    const details = page.getByRole('complementary', { name: 'Visitor' });
    await expect(details).toContainText(VISITOR.email);
    await expect(agent.conversation(VISITOR.name)).toBeHidden();
    expect(await drawnWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await picture(page, 'console-phone-visitor');
    await page.getByRole('button', { name: 'Back to conversation', exact: true }).click();
    await expect(agent.conversation(VISITOR.name)).toBeVisible();
    await expect(details).toBeHidden();
    // The browser's Back leaves the details for the conversation too.
    await page.getByRole('button', { name: 'Visitor details', exact: true }).click();
    await expect(details).toBeVisible();
    await page.goBack();
    await expect(agent.conversation(VISITOR.name)).toBeVisible();
    await expect(details).toBeHidden();

    await page.getByRole('button', { name: 'Back to conversations', exact: true }).click();
    await expect(agent.row(VISITOR.name)).toBeVisible();
    await expect(agent.conversation(VISITOR.name)).toBeHidden();
    expect(await drawnWidth(page)).toBeLessThanOrEqual(PHONE.width);

    // The browser's Back leaves a conversation for the list too.
    await agent.row(VISITOR.name).click();
    await expect(agent.conversation(VISITOR.name)).toBeVisible();
    await page.goBack();
    await expect(agent.row(VISITOR.name)).toBeVisible();
    await expect(agent.conversation(VISITOR.name)).toBeHidden();

    // The owners' settings stack their columns too.
    await page.getByRole('button', { name: 'Settings' }).click();
    await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
    expect(await drawnWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await picture(page, 'console-phone-settings');
    await context.close();
  });

  test("at 900 px the list and the conversation sit side by side, and the visitor details take the conversation's place", async ({
    browser,
    relay,
    shop,
    widget,
  }) => {
    const context = await browser.newContext({ viewport: { width: 900, height: 800 } });
    const agent = new AgentConsole(await context.newPage(), relay.url);
    await agent.signIn(OWNER.email, OWNER.password);
    await agent.goOnline();
    const { page } = agent;
    await widget.visit(shop.url());
    await widget.open();
    await widget.startChat(VISITOR.name, VISITOR.email);
    await widget.send('Olá!');

    await agent.open('Mine', VISITOR.name);
    await expect(agent.tab('Mine')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Back to conversations' })).toBeHidden();
    const details = page.getByRole('complementary', { name: 'Visitor' });
    await expect(details).toBeHidden();
    await page.getByRole('button', { name: 'Visitor details', exact: true }).click();
    await expect(details).toContainText(VISITOR.email);
    await expect(agent.tab('Mine')).toBeVisible();
    await expect(agent.conversation(VISITOR.name)).toBeHidden();
    expect(await drawnWidth(page)).toBeLessThanOrEqual(900);
    await picture(page, 'console-tablet-visitor');
    await page.getByRole('button', { name: 'Back to conversation', exact: true }).click();
    await expect(agent.conversation(VISITOR.name)).toBeVisible();
    await context.close();
  });
});
