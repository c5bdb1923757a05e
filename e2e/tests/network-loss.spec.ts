import { expect, test } from '../fixtures';
import { line } from '../support/texts';

const VISITOR = { name: 'Katarzyna Zielińska', email: 'kasia@example.pl' };

test.describe('Network loss', () => {
  test('three messages sent while offline reach the agent once each, in order, when the network returns', async ({
    shop,
    widget,
    agent,
    ownerApi,
  }) => {
    const offline = [line('pl', 1), line('pl', 2), line('pl', 3)];

    await widget.visit(shop.url());
    await widget.open();
    await widget.startChat(VISITOR.name, VISITOR.email);
    await widget.send('Dzień dobry!');
    await agent.open('Mine', VISITOR.name);
    await expect(agent.transcript).toContainText('Dzień dobry!');

    await widget.page.context().setOffline(true);
    // The widget says so at once (the browser's offline event), not when a heartbeat times out,
    // and stops claiming the agent is online.
    await expect(widget.panel).toContainText('You’re offline', { timeout: 3_000 });
    await expect(widget.panel.getByRole('banner')).not.toContainText('Online');
    for (const text of offline) await widget.send(text);
    for (const text of offline) await expect(widget.log).toContainText(text);
    // Nothing can arrive while the visitor is cut off.
    await widget.page.waitForTimeout(1_500);
    for (const text of offline) await expect(agent.transcript).not.toContainText(text);

    await widget.page.context().setOffline(false);
    for (const text of offline)
      await expect(agent.transcript.getByText(text, { exact: true })).toHaveCount(1, {
        timeout: 20_000,
      });
    await expect(widget.page.getByText(/not sent/i)).toHaveCount(0);

    const summary = (await ownerApi.conversations()).items.find(
      (item) => item.visitor.name === VISITOR.name,
    );
    const detail = await ownerApi.conversation(summary!.conversation.id);
    expect(detail.messages.filter((m) => m.author === 'visitor').map((m) => m.text)).toEqual([
      'Dzień dobry!',
      ...offline,
    ]);
    // The visitor's own transcript shows each message once too.
    for (const text of offline)
      await expect(widget.log.getByText(text, { exact: true })).toHaveCount(1);
  });
});
