import { expect, test } from '../fixtures';
import { picture } from '../support/screenshots';
import { paragraph } from '../support/texts';

const VISITOR = { name: 'Nguyễn Thị Lan', email: 'lan.nguyen@example.vn' };
const AGENT = { name: 'Mai Trần', email: 'mai@shop.test', password: 'mai-tran-password' };

test.describe('A conversation from start to finish', () => {
  test('a visitor asks in Vietnamese, a busy agent is asked before taking a chat beyond capacity and declines, frees a slot, gets it, replies, notes and closes it, and the visitor rates it', async ({
    relay,
    shop,
    widget,
    ownerApi,
    signInConsole,
    newVisitor,
  }) => {
    const question = paragraph('vi');
    const reply =
      'Chào chị Lan, cảm ơn chị đã hỏi! Chính sách đổi trả của chúng tôi áp dụng trong 30 ngày.';
    const note = 'Khách quen — ưu tiên đơn hàng #4521, đừng nói với khách về mã giảm giá nội bộ.';
    const comment = 'Trả lời nhanh và rõ ràng, cảm ơn Mai!';

    // Mai can hold one chat at a time and is already answering another visitor.
    await ownerApi.createAgent({ ...AGENT, capacity: 1, siteIds: [relay.siteId] });
    const agent = await signInConsole(AGENT.email, AGENT.password);
    await agent.goOnline();
    const earlier = await newVisitor();
    await earlier.visit(shop.url());
    await earlier.open();
    await earlier.startChat('Trần Văn Hùng', 'hung@example.vn');
    await earlier.send('Xin chào, tôi muốn hỏi về phí giao hàng.');
    await agent.tab('Mine').click();
    await expect(agent.row('Trần Văn Hùng')).toBeVisible();

    await widget.visit(shop.url());
    await picture(widget.page, 'widget-closed-desktop');
    await widget.open();
    await picture(widget.page, 'widget-prechat-desktop');
    await widget.startChat(VISITOR.name, VISITOR.email);
    await widget.send(question);
    await expect(widget.log).toContainText(question);

    // The agent is notified: the chat waits in the queue, marked unread.
    await agent.tab('Queue').click();
    await expect(agent.row(VISITOR.name)).toContainText('unread');
    await picture(agent.page, 'console-inbox');
    await agent.row(VISITOR.name).click();
    await expect(agent.transcript).toContainText(question);
    // Capacity holds for a take by hand too: the console asks before going past it, and Mai declines.
    await agent.button('Take').click();
    const takeAnyway = agent.page.getByRole('group', {
      name: 'You are at 1 of 1 chats — take anyway?',
    });
    await expect(takeAnyway.getByRole('button', { name: 'Take anyway' })).toBeFocused();
    await takeAnyway.getByRole('button', { name: 'Cancel' }).click();
    await expect(agent.button('Take')).toBeVisible();
    // Mai finishes the earlier chat; the free slot goes to the visitor waiting longest, Lan.
    await agent.tab('Mine').click();
    await agent.row('Trần Văn Hùng').click();
    await agent.button('Close conversation').click();
    await agent.tab('Mine').click();
    await agent.row(VISITOR.name).click();
    await expect(agent.button('Take')).toBeHidden();
    await expect(agent.button('Close conversation')).toBeEnabled();

    await agent.reply.pressSequentially('Chào chị Lan', { delay: 40 });
    await expect(widget.panel.getByText(/is typing/)).toBeVisible();
    await agent.reply.fill(reply);
    await agent.button('Send').click();
    await expect(widget.log).toContainText(reply);
    await expect(widget.panel.getByText(/is typing/)).toBeHidden();
    await picture(widget.page, 'widget-chat-desktop');

    await agent.addNote(note);
    await picture(agent.page, 'console-conversation');

    await agent.button('Close conversation').click();
    await expect(widget.rating).toBeVisible();
    await picture(widget.page, 'widget-rating-desktop');
    await picture(widget.page, 'widget-rating');
    // The note was never sent to the visitor, not even after the chat ended.
    await expect(widget.log).not.toContainText(note);
    await expect(widget.panel).not.toContainText(note);

    await widget.rate(4, comment);
    await expect(widget.rating).toBeHidden();
    await expect(agent.conversation(VISITOR.name)).toContainText('Satisfaction 4/5');
    await expect(agent.conversation(VISITOR.name)).toContainText(comment);

    const closed = await ownerApi.conversations({ status: 'closed' });
    const summary = closed.items.find((item) => item.visitor.name === VISITOR.name);
    expect(summary, 'the closed conversation is listed').toBeTruthy();
    const detail = await ownerApi.conversation(summary!.conversation.id);
    const seqs = detail.messages.map((message) => message.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(
      detail.messages
        .filter((message) => message.author !== 'system')
        .map(({ author, internal, text }) => ({ author, internal, text })),
    ).toEqual([
      { author: 'visitor', internal: false, text: question },
      { author: 'agent', internal: false, text: reply },
      { author: 'agent', internal: true, text: note },
    ]);
    expect(Buffer.from(detail.messages.find((m) => m.author === 'visitor')!.text, 'utf8')).toEqual(
      Buffer.from(question, 'utf8'),
    );
    expect(detail.conversation.rating).toMatchObject({ csat: 4, comment });
  });
});
