import { expect, test } from '../fixtures';
import { AgentConsole } from '../support/agent-console';
import { seriousViolations } from '../support/axe';
import { OWNER } from '../support/relay';
import { picture } from '../support/screenshots';

test.describe('The console in the dark', () => {
  test('with the system set to dark the console is drawn dark, and axe finds no serious or critical violation (contrast included) in the inbox, a conversation and settings', async ({
    browser,
    relay,
    shop,
    widget,
  }) => {
    const context = await browser.newContext({
      viewport: { width: 1366, height: 820 },
      colorScheme: 'dark',
    });
    const agent = new AgentConsole(await context.newPage(), relay.url);
    await agent.signIn(OWNER.email, OWNER.password);
    await agent.goOnline();
    const { page } = agent;
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(await background()).toBe('rgb(13, 17, 23)');

    await widget.visit(shop.url());
    await widget.open();
    await widget.startChat('Sofia Rossi', 'sofia@example.it');
    await widget.send('Buonasera, avete la taglia M?');
    const found: Record<string, string[]> = {};
    await agent.tab('Mine').click();
    await expect(agent.row('Sofia Rossi')).toBeVisible();
    found['inbox'] = await seriousViolations(page);

    await agent.open('Mine', 'Sofia Rossi');
    await agent.sendReply('Buonasera Sofia, sì: la M è disponibile.');
    await agent.addNote('Cliente abituale.');
    await picture(page, 'console-conversation-dark');
    found['conversation'] = await seriousViolations(page);

    await page.getByRole('button', { name: 'Settings' }).click();
    await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
    found['settings'] = await seriousViolations(page);
    expect(found).toEqual({ inbox: [], conversation: [], settings: [] });
    await context.close();
  });
});
