import { expect, test } from '../fixtures';

const VISITOR = { name: 'Maria Santos', email: 'maria.santos@example.ph' };

test.describe('Continuity', () => {
  test('the conversation survives a reload and a move to another page, and the agent sees the page change', async ({
    shop,
    widget,
    agent,
  }) => {
    await widget.visit(shop.url());
    await widget.open();
    await widget.startChat(VISITOR.name, VISITOR.email);
    await widget.send('Magandang araw! May tanong ako tungkol sa order ko.');
    await agent.open('Mine', VISITOR.name);
    await agent.sendReply('Magandang araw, Maria! Ano po ang numero ng order?');
    await expect(widget.log).toContainText('Ano po ang numero ng order?');

    await widget.page.reload();
    await widget.ensureOpen();
    await expect(widget.log).toContainText('May tanong ako tungkol sa order ko.');
    await expect(widget.log).toContainText('Ano po ang numero ng order?');
    await expect(widget.startChatButton).toHaveCount(0);
    await widget.send('Order 4521 po.');
    await expect(agent.transcript).toContainText('Order 4521 po.');

    await widget.page.getByRole('link', { name: 'Delivery and returns' }).click();
    await expect(widget.page).toHaveURL(/delivery/);
    await widget.ensureOpen();
    await expect(widget.log).toContainText('Order 4521 po.');
    await widget.send('Kailan po darating?');
    await expect(agent.transcript).toContainText('Kailan po darating?');
    await expect(agent.page.getByRole('region', { name: 'Current page' })).toContainText(
      'Delivery and returns – Lotus Tea House',
    );
    await agent.sendReply('Bukas po ng hapon.');
    await expect(widget.log).toContainText('Bukas po ng hapon.');
  });
});
