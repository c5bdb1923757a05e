import { expect, test } from '../fixtures';
import { OWNER } from '../support/relay';
import { picture } from '../support/screenshots';
import { paragraph } from '../support/texts';

const VISITOR = { name: 'Ioana Popescu', email: 'ioana.popescu@example.ro' };

test.describe('Nobody online', () => {
  test('the visitor leaves a message that the owner receives by email and finds under Offline', async ({
    shop,
    widget,
    smtp,
    signInConsole,
  }) => {
    const message = paragraph('ro');

    await widget.visit(shop.url());
    await widget.open();
    await expect(widget.leaveMessageButton).toBeVisible();
    await expect(widget.startChatButton).toHaveCount(0);
    await picture(widget.page, 'widget-offline-desktop');

    await widget.leaveOfflineMessage(VISITOR.name, VISITOR.email, message);
    await expect(widget.panel).toContainText('Your message has been sent');
    await expect(widget.leaveMessageButton).toBeHidden();

    const mail = await smtp.waitFor((received) => received.to.includes(OWNER.email));
    expect(mail.text).toContain(message);
    expect(mail.text).toContain(VISITOR.email);
    expect(`${mail.subject}\n${mail.text}`).toContain(VISITOR.name);

    const owner = await signInConsole(OWNER.email, OWNER.password);
    await owner.open('Offline', VISITOR.name);
    await expect(owner.transcript).toContainText(message);
  });

  test('when the last online agent switches to away, an open widget turns to the offline form', async ({
    shop,
    widget,
    agent,
  }) => {
    await widget.visit(shop.url());
    await widget.open();
    await expect(widget.startChatButton).toBeVisible();

    await agent.onlineSwitch.click();
    await expect(agent.onlineSwitch).not.toBeChecked();

    await expect(widget.leaveMessageButton).toBeVisible();
    await expect(widget.startChatButton).toHaveCount(0);
  });
});
