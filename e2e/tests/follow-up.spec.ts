import { expect, test } from '../fixtures';
import { OWNER } from '../support/relay';
import { line, paragraph } from '../support/texts';
import { POLISH_NAMES } from '../support/widget-names';

/** The demo site's name, as the widget's title and the emails show it. */
const SITE = 'Demo shop';

test.describe('Follow-up', () => {
  test('a Polish visitor who left a message gets the answer by email in Polish, finds it in the same chat on the next visit and writes on in it', async ({
    shop,
    smtp,
    signInConsole,
    newVisitor,
  }) => {
    const visitor = { name: 'Katarzyna Zielińska', email: 'katarzyna.zielinska@example.pl' };
    const question = paragraph('pl');
    const answer = 'Dzień dobry, paczka wyjechała wczoraj i dotrze jutro przed 12:00.';
    const followUp = line('pl', 3);
    const shopInPolish = shop.url('home', { locale: 'pl' });

    const widget = await newVisitor(POLISH_NAMES);
    await widget.visit(shopInPolish);
    await widget.open();
    await expect(widget.panel).toContainText('odpowiemy e-mailem i tutaj, w tym czacie');
    await widget.leaveOfflineMessage(visitor.name, visitor.email, question);
    await expect(widget.panel).toContainText('Wiadomość została wysłana');
    // The visitor leaves the shop: nobody has the widget open when the answer comes.
    await widget.page.goto('about:blank');

    const owner = await signInConsole(OWNER.email, OWNER.password);
    await owner.open('Offline', visitor.name);
    await expect(owner.transcript).toContainText(question);
    await owner.sendReply(answer);

    const mail = await smtp.waitFor((received) => received.to.includes(visitor.email));
    expect(mail.subject).toBe(`Odpowiedź od ${SITE} na Twoją wiadomość`);
    expect(mail.text).toContain(answer);

    await widget.visit(shopInPolish);
    await widget.ensureOpen();
    await expect(widget.log).toContainText(question);
    await expect(widget.log).toContainText(answer);
    await widget.send(followUp);
    await expect(widget.log).toContainText(followUp);
    // The console shows it live, in the conversation it already has open.
    await expect(owner.conversation(visitor.name)).toBeVisible();
    await expect(owner.transcript).toContainText(followUp);
  });

  test('a chat nobody answered before the visitor ended it is listed under Missed until an agent answers it', async ({
    shop,
    widget,
    agent,
  }) => {
    const visitor = { name: 'Andrei Ionescu', email: 'andrei.ionescu@example.ro' };
    const question = paragraph('ro', 1);
    const answer = 'Bună ziua, ne pare rău că ați așteptat: comanda dumneavoastră pleacă astăzi.';

    await widget.visit(shop.url());
    await widget.open();
    await widget.startChat(visitor.name, visitor.email);
    await widget.send(question);
    // The agent sees the chat arrive but does not answer it.
    await agent.tab('All').click();
    await expect(agent.row(visitor.name)).toBeVisible();
    await widget.endChat();
    await expect(widget.panel).toContainText('You ended the chat.');

    await agent.open('Missed', visitor.name);
    await expect(agent.transcript).toContainText(question);
    await agent.sendReply(answer);
    await expect(widget.log).toContainText(answer);

    await agent.tab('Closed').click();
    await agent.tab('Missed').click();
    await expect(
      agent.page.getByText('No missed chats: every visitor got an answer.'),
    ).toBeVisible();
    await expect(agent.row(visitor.name)).toHaveCount(0);
  });
});

for (const withEmail of [true, false]) {
  test.describe(withEmail ? 'With email (SMTP_URL set)' : 'Without email (no SMTP_URL)', () => {
    test.use({ withEmail });

    test(`the offline form ${withEmail ? 'promises an email' : 'promises the answer in this chat only'} and a rated chat ${withEmail ? 'offers' : 'does not offer'} the transcript by email`, async ({
      shop,
      widget,
      signInConsole,
    }) => {
      await widget.visit(shop.url());
      await widget.open();
      await expect(widget.leaveMessageButton).toBeVisible();
      if (withEmail) {
        await expect(widget.panel).toContainText('we’ll reply by email and here in this chat.');
      } else {
        await expect(widget.panel).toContainText(
          'Leave a message: the answer will be here in this chat when you come back.',
        );
        await expect(widget.panel).not.toContainText('by email');
      }

      const agent = await signInConsole(OWNER.email, OWNER.password);
      await agent.goOnline();
      await expect(widget.startChatButton).toBeVisible();
      await widget.startChat('Marta Lewandowska', 'marta.lewandowska@example.pl');
      await widget.send('Czy wysyłacie herbatę do Krakowa?');
      await agent.open('Mine', 'Marta Lewandowska');
      await agent.sendReply('Tak, wysyłamy w cały kraj.');
      await expect(widget.log).toContainText('Tak, wysyłamy w cały kraj.');
      await agent.button('Close conversation').click();
      await widget.rate(5, 'Szybka odpowiedź.');
      await widget.skipNps();
      await expect(widget.panel.getByRole('status')).toContainText('Thank you for your feedback!');

      if (withEmail) await expect(widget.transcriptButton).toBeVisible();
      else await expect(widget.transcriptButton).toHaveCount(0);
    });
  });
}
