import { expect, test } from '../fixtures';

/** The widget's own text per locale (widget/src/i18n/<locale>.ts), as a visitor reads it. */
const TEXT = {
  vi: {
    open: 'Mở trò chuyện',
    dialog: 'Trò chuyện với Demo shop',
    prechat: 'Trước khi bắt đầu',
    start: 'Bắt đầu trò chuyện',
    send: 'Gửi',
  },
  ro: {
    open: 'Deschide chatul',
    dialog: 'Chat cu Demo shop',
    prechat: 'Înainte să începem',
    start: 'Începe chatul',
    send: 'Trimite',
  },
  tl: {
    open: 'Buksan ang chat',
    dialog: 'Makipag-chat sa Demo shop',
    prechat: 'Bago tayo magsimula',
    start: 'Simulan ang chat',
    send: 'Ipadala',
  },
  pl: {
    open: 'Otwórz czat',
    dialog: 'Czat z Demo shop',
    prechat: 'Zanim zaczniemy',
    start: 'Rozpocznij czat',
    send: 'Wyślij',
  },
} as const;

test.describe('Languages', () => {
  for (const [locale, text] of Object.entries(TEXT)) {
    test(`with data-locale="${locale}" the widget speaks that language`, async ({
      shop,
      widget,
      agent,
    }) => {
      await widget.page.goto(shop.url('home', { locale }));
      const launcher = widget.page.getByRole('button', { name: text.open, exact: true });
      await expect(launcher).toBeVisible();
      await expect(widget.openButton).toHaveCount(0);

      await launcher.click();
      await expect(widget.page.getByRole('dialog', { name: text.dialog })).toBeVisible();
      await expect(widget.panel).toContainText(text.prechat);
      await expect(widget.panel).not.toContainText('Before we start');
      const textboxes = widget.panel.getByRole('textbox');
      await textboxes.nth(0).fill('Test');
      await textboxes.nth(1).fill('test@example.com');
      await widget.panel.getByRole('button', { name: text.start, exact: true }).click();
      await expect(
        widget.panel.getByRole('button', { name: text.send, exact: true }),
      ).toBeVisible();
      await expect(widget.sendButton).toHaveCount(0);
    });
  }
});
