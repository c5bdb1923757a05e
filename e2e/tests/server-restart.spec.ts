import { expect, test } from '../fixtures';
import { paragraph } from '../support/texts';

const VISITOR = { name: 'Jose Reyes', email: 'jose.reyes@example.ph' };

test.describe('Server restart', () => {
  test('both sides carry on after the relay stops and starts again, and nothing is lost', async ({
    relay,
    shop,
    widget,
    agent,
    ownerApi,
  }) => {
    const before = paragraph('tl', 0);
    const during = paragraph('tl', 1);
    const after = 'Salamat po, natanggap ko na ang lahat.';

    await widget.visit(shop.url());
    await widget.open();
    await widget.startChat(VISITOR.name, VISITOR.email);
    await widget.send(before);
    await agent.open('Mine', VISITOR.name);
    await agent.sendReply('Magandang araw po, Jose!');
    await expect(widget.log).toContainText('Magandang araw po, Jose!');

    await relay.stop();
    // Written while the relay is down: it must wait in the outbox, not vanish.
    await widget.send(during);
    await relay.start();

    await expect(agent.transcript.getByText(during, { exact: true })).toHaveCount(1, {
      timeout: 30_000,
    });
    await agent.sendReply('Nandito pa rin po kami.');
    await expect(widget.log).toContainText('Nandito pa rin po kami.');
    await widget.send(after);
    await expect(agent.transcript).toContainText(after);

    const summary = (await ownerApi.conversations()).items.find(
      (item) => item.visitor.name === VISITOR.name,
    );
    const detail = await ownerApi.conversation(summary!.conversation.id);
    expect(
      detail.messages
        .filter((m) => m.author !== 'system')
        .map(({ author, text }) => ({ author, text })),
    ).toEqual([
      { author: 'visitor', text: before },
      { author: 'agent', text: 'Magandang araw po, Jose!' },
      { author: 'visitor', text: during },
      { author: 'agent', text: 'Nandito pa rin po kami.' },
      { author: 'visitor', text: after },
    ]);
  });
});
