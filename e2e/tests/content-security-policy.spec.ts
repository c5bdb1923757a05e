import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures';
import { OWNER } from '../support/relay';
import { AgentConsole } from '../support/agent-console';
import { Widget } from '../support/widget';

/** Every CSP violation the page reports, from the DOM event and from Chromium's console. */
async function recordViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  await page.exposeFunction('__reportViolation', (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { __reportViolation: (text: string) => void })
        .__reportViolation;
      report(`${event.violatedDirective} blocked ${event.blockedURI}`);
    });
  });
  return violations;
}

test.describe('Content-Security-Policy', () => {
  test('the console and the demo page work under their CSP and report no violation', async ({
    browser,
    relay,
  }) => {
    const consoleContext = await browser.newContext();
    const consolePage = await consoleContext.newPage();
    const consoleViolations = await recordViolations(consolePage);
    const agent = new AgentConsole(consolePage, relay.url);
    await agent.signIn(OWNER.email, OWNER.password);
    await agent.goOnline();

    const demoContext = await browser.newContext();
    const demoPage = await demoContext.newPage();
    const demoViolations = await recordViolations(demoPage);
    const response = await demoPage.goto(`${relay.url}/demo`);
    expect(response?.headers()['content-security-policy']).toContain("'nonce-");
    const widget = new Widget(demoPage);
    await expect(widget.openButton).toBeVisible();
    await widget.open();
    await widget.startChat('Ana Popescu', 'ana@example.ro');
    await widget.send('Bună ziua, comanda mea nu a sosit.');

    // The console's socket (same origin, under connect-src 'self') delivers the chat.
    await agent.tab('Mine').click();
    await agent.row('Ana Popescu').click();
    await expect(agent.transcript).toContainText('comanda mea nu a sosit');
    await agent.reply.fill('Verific acum, un moment.');
    await agent.button('Send').click();
    await expect(widget.log).toContainText('Verific acum');

    expect(consoleViolations).toEqual([]);
    expect(demoViolations).toEqual([]);
    await consoleContext.close();
    await demoContext.close();
  });
});
