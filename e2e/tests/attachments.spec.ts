import type { Locator, Page } from '@playwright/test';
import { expect, test } from '../fixtures';
import { seriousViolations } from '../support/axe';
import { picture } from '../support/screenshots';
import { paragraph } from '../support/texts';

const VISITOR = { name: 'Anna Kowalczyk', email: 'anna.kowalczyk@example.pl' };

/** A minimal PDF: what the relay's sniffing recognises as one. */
const PDF = `%PDF-1.4
1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj
trailer << /Root 1 0 R >>
%%EOF
`;

/** Draws a "screenshot" in the page and pastes it into `target`, as Ctrl+V of a screen grab does. */
async function pasteScreenshot(target: Locator, label: string): Promise<void> {
  await target.evaluate(async (element, text) => {
    const canvas = document.createElement('canvas');
    canvas.width = 320;
    canvas.height = 180;
    const g = canvas.getContext('2d') as CanvasRenderingContext2D;
    g.fillStyle = '#e0f2fe';
    g.fillRect(0, 0, 320, 180);
    g.fillStyle = '#0f172a';
    g.font = '20px sans-serif';
    g.fillText(text, 16, 90);
    const blob = await new Promise<Blob>((resolve) =>
      canvas.toBlob((b) => resolve(b as Blob), 'image/png'),
    );
    const data = new DataTransfer();
    data.items.add(new File([blob], 'image.png', { type: 'image/png' }));
    element.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }));
  }, label);
}

/** Drops a file onto `target` the way a file dragged from the desktop arrives. */
async function dropFile(page: Page, target: Locator, name: string, type: string, body: string) {
  const data = await page.evaluateHandle(
    ({ name, type, body }) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([body], name, { type }));
      return transfer;
    },
    { name, type, body },
  );
  await target.dispatchEvent('dragover', { dataTransfer: data });
  await target.dispatchEvent('drop', { dataTransfer: data });
}

test.describe('Files in a conversation', () => {
  test('the visitor pastes a screenshot and drops a PDF, the agent sees both and answers with a photo, and both sides open them', async ({
    shop,
    widget,
    agent,
  }) => {
    const question = paragraph('pl');
    await widget.visit(shop.url());
    await widget.open();
    await widget.startChat(VISITOR.name, VISITOR.email);

    await pasteScreenshot(widget.composer, 'Order #4521: damaged seam');
    await dropFile(widget.page, widget.log, 'faktura-4521.pdf', 'application/pdf', PDF);
    // Both wait in the tray, uploaded, until the visitor sends them with the question.
    await expect(widget.panel.getByText('image.png')).toBeVisible();
    await expect(widget.panel.getByText('faktura-4521.pdf')).toBeVisible();
    await expect(widget.panel.getByRole('progressbar')).toHaveCount(0);
    await widget.composer.fill(question);
    await picture(widget.page, 'widget-files-tray');
    await widget.sendButton.click();

    const visitorImage = widget.log.getByRole('img', { name: 'image.png' });
    await expect(visitorImage).toBeVisible();
    await expect(widget.log.getByRole('link', { name: /faktura-4521\.pdf/ })).toBeVisible();
    // The image really arrived: the browser decoded it.
    await expect
      .poll(() => visitorImage.evaluate((img: HTMLImageElement) => img.naturalWidth))
      .toBe(320);

    // The agent sees the thumbnail and the card, and the PDF downloads as a file.
    // The owner is online with free slots: the chat is routed to them.
    await agent.open('Mine', VISITOR.name);
    await expect(agent.transcript).toContainText(question);
    const seenByAgent = agent.transcript.getByRole('img', { name: 'image.png' });
    await expect(seenByAgent).toBeVisible();
    const card = agent.transcript.getByRole('link', { name: /faktura-4521\.pdf/ });
    await expect(card).toBeVisible();
    const href = new URL((await card.getAttribute('href')) as string, agent.page.url()).href;
    const download = await agent.page.request.get(href);
    expect(download.status()).toBe(200);
    expect(download.headers()['content-disposition']).toMatch(/^attachment/);
    expect(download.headers()['x-content-type-options']).toBe('nosniff');
    expect(await download.text()).toBe(PDF);

    // The agent opens the visitor's screenshot full size, then closes it with Escape.
    await seenByAgent.click();
    const agentViewer = agent.page.getByRole('dialog', { name: 'image.png' });
    await expect(agentViewer).toBeVisible();
    await agent.page.keyboard.press('Escape');
    await expect(agentViewer).toBeHidden();

    // The agent answers with a photo of the replacement part.
    await agent.page.locator('input[type=file]').setInputFiles({
      name: 'replacement-seam.png',
      mimeType: 'image/png',
      buffer: await widget.page
        .evaluate(async () => {
          const canvas = document.createElement('canvas');
          canvas.width = 200;
          canvas.height = 120;
          const g = canvas.getContext('2d') as CanvasRenderingContext2D;
          g.fillStyle = '#fde68a';
          g.fillRect(0, 0, 200, 120);
          const blob = await new Promise<Blob>((resolve) =>
            canvas.toBlob((b) => resolve(b as Blob), 'image/png'),
          );
          return [...new Uint8Array(await blob.arrayBuffer())];
        })
        .then((bytes) => Buffer.from(bytes)),
    });
    await agent.reply.fill('Dziękujemy, wysyłamy nową część — tak wygląda.');
    await agent.button('Send').click();

    const answer = widget.log.getByRole('img', { name: 'replacement-seam.png' });
    await expect(answer).toBeVisible();
    await expect.poll(() => answer.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(200);
    await picture(widget.page, 'widget-files');
    await picture(agent.page, 'console-files');
    // The visitor opens it in the panel's viewer; Escape closes the viewer, not the chat.
    await widget.log.getByRole('button', { name: 'replacement-seam.png' }).click();
    const viewer = widget.panel.getByRole('dialog', { name: 'replacement-seam.png' });
    await expect(viewer).toBeVisible();
    await expect(viewer.getByRole('button', { name: 'Close' })).toBeFocused();
    await widget.page.keyboard.press('Escape');
    await expect(viewer).toBeHidden();
    await expect(widget.composer).toBeVisible();
  });

  test('a file the site does not take is refused in the visitor’s words before any upload', async ({
    shop,
    widget,
    agent: _online,
  }) => {
    await widget.visit(shop.url());
    await widget.open();
    await widget.startChat(VISITOR.name, VISITOR.email);
    let uploads = 0;
    widget.page.on('request', (request) => {
      if (request.url().includes('/api/widget/files')) uploads += 1;
    });
    await dropFile(widget.page, widget.log, 'setup.exe', 'application/octet-stream', 'MZ');
    await expect(widget.panel.getByRole('alert')).toContainText('setup.exe can’t be sent here');
    expect(uploads).toBe(0);
  });

  test('an owner saves a canned reply with a PDF; typing its shortcut attaches the file, and the visitor downloads the same bytes', async ({
    shop,
    widget,
    agent,
  }) => {
    const page = agent.page;
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('tab', { name: 'Canned replies' }).click();
    const form = page.locator('form', {
      has: page.getByRole('heading', { name: 'Add a canned reply' }),
    });
    await form.getByRole('textbox', { name: 'Shortcut' }).fill('faktura');
    await form.getByRole('textbox', { name: 'Text' }).fill('W załączniku faktura za zamówienie.');
    await form.locator('input[type=file]').setInputFiles({
      name: 'faktura-4521.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from(PDF),
    });
    await expect(form.getByText('faktura-4521.pdf')).toBeVisible();
    await expect(form.getByRole('progressbar')).toHaveCount(0);
    expect(await seriousViolations(page)).toEqual([]);
    await form.getByRole('button', { name: 'Save canned reply' }).click();
    const saved = page.getByRole('listitem').filter({ hasText: '/faktura' });
    const replyFile = saved.getByRole('link', { name: /faktura-4521\.pdf/ });
    await expect(replyFile).toBeVisible();
    const replyPath = new URL((await replyFile.getAttribute('href')) as string, page.url())
      .pathname;

    await widget.visit(shop.url());
    await widget.open();
    await widget.startChat(VISITOR.name, VISITOR.email);
    await widget.composer.fill(paragraph('pl'));
    await widget.sendButton.click();

    await page.getByRole('button', { name: 'Inbox' }).click();
    await agent.open('Mine', VISITOR.name);
    await agent.reply.fill('/fak');
    await expect(page.getByRole('listbox', { name: 'Canned replies' })).toBeVisible();
    await agent.reply.press('Enter');
    await expect(agent.reply).toHaveValue('W załączniku faktura za zamówienie.');
    const chips = page.getByRole('list', { name: 'Attached files' });
    await expect(chips.getByText('faktura-4521.pdf')).toBeVisible();
    await agent.button('Send').click();
    await expect(chips).toBeHidden();

    const card = widget.log.getByRole('link', { name: /faktura-4521\.pdf/ });
    await expect(card).toBeVisible();
    await expect(widget.log).toContainText('W załączniku faktura za zamówienie.');
    const href = new URL((await card.getAttribute('href')) as string, widget.page.url()).href;
    const download = await widget.page.request.get(href);
    expect(download.status()).toBe(200);
    expect(download.headers()['content-disposition']).toMatch(/^attachment/);
    expect(await download.text()).toBe(PDF);
    // The message carries the conversation's own copy, not the reply's file.
    expect(new URL(href).pathname).not.toBe(replyPath);
  });
});
