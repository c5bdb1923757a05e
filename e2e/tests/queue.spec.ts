import { expect, test } from '../fixtures';

const AGENT = { name: 'Tomasz Nowak', email: 'tomasz@shop.test', password: 'tomasz-password' };

test.describe('Queue', () => {
  test('with the only agent at capacity, the second visitor waits at position 1 and is assigned as soon as the first chat closes', async ({
    relay,
    shop,
    ownerApi,
    signInConsole,
    newVisitor,
  }) => {
    await ownerApi.createAgent({ ...AGENT, capacity: 1, siteIds: [relay.siteId] });
    const agent = await signInConsole(AGENT.email, AGENT.password);
    await agent.goOnline();

    const first = await newVisitor();
    await first.visit(shop.url());
    await first.open();
    await first.startChat('Anna Kowalska', 'anna@example.pl');
    await first.send('Dzień dobry, gdzie jest moja paczka?');
    await agent.tab('Mine').click();
    await expect(agent.row('Anna Kowalska')).toBeVisible();

    const second = await newVisitor();
    await second.visit(shop.url());
    await second.open();
    await second.startChat('Piotr Wiśniewski', 'piotr@example.pl');
    await second.send('Czy mogę zmienić adres dostawy?');
    await expect(second.panel).toContainText('number 1 in line');

    await agent.row('Anna Kowalska').click();
    await agent.button('Close conversation').click();

    await expect(second.panel).not.toContainText('in line', { timeout: 5_000 });
    await expect
      .poll(
        async () =>
          (await ownerApi.conversations({ status: 'active' })).items.map(
            (item) => item.visitor.name,
          ),
        {
          timeout: 5_000,
        },
      )
      .toEqual(['Piotr Wiśniewski']);
    await agent.open('Mine', 'Piotr Wiśniewski');
    await agent.sendReply('Oczywiście, proszę podać nowy adres.');
    await expect(second.log).toContainText('Oczywiście, proszę podać nowy adres.');
  });
});
