/**
 * The visitor's side: the widget on the shop's page, driven only through the roles and names the
 * widget promises (English unless the test gives another language's names; its shadow root is
 * open, so role locators reach inside).
 */
import { expect, type Locator, type Page } from '@playwright/test';
import { ENGLISH_NAMES, type WidgetNames } from './widget-names';

/** The widget as a visitor uses it. */
export class Widget {
  constructor(
    readonly page: Page,
    readonly names: WidgetNames = ENGLISH_NAMES,
  ) {}

  get openButton(): Locator {
    return this.page.getByRole('button', { name: this.names.open, exact: true });
  }

  get closeButton(): Locator {
    return this.page.getByRole('button', { name: this.names.close, exact: true });
  }

  get panel(): Locator {
    return this.page.getByRole('dialog');
  }

  get log(): Locator {
    return this.panel.getByRole('log');
  }

  get composer(): Locator {
    return this.panel.getByRole('textbox', { name: this.names.message, exact: true });
  }

  get sendButton(): Locator {
    return this.panel.getByRole('button', { name: this.names.send, exact: true });
  }

  /** The header's menu button. */
  get menuButton(): Locator {
    return this.panel.getByRole('button', { name: this.names.menu, exact: true });
  }

  /** "End chat" in the header's menu (open it first). */
  get endChatItem(): Locator {
    return this.panel.getByRole('menuitem', { name: this.names.endChat, exact: true });
  }

  /**
   * "End chat" from the header's menu, then the same words again in the question that appears:
   * one stray click never ends a chat.
   */
  async endChat(): Promise<void> {
    await this.menuButton.click();
    await this.endChatItem.click();
    const question = this.panel.getByRole('group');
    await expect(question).toBeVisible();
    await question.getByRole('button', { name: this.names.endChat, exact: true }).click();
  }

  get nameField(): Locator {
    return this.panel.getByRole('textbox', { name: this.names.name, exact: true });
  }

  get emailField(): Locator {
    return this.panel.getByRole('textbox', { name: this.names.email, exact: true });
  }

  get startChatButton(): Locator {
    return this.panel.getByRole('button', { name: this.names.startChat, exact: true });
  }

  get leaveMessageButton(): Locator {
    return this.panel.getByRole('button', { name: this.names.leaveMessage, exact: true });
  }

  get transcriptButton(): Locator {
    return this.panel.getByRole('button', { name: this.names.sendTranscript, exact: true });
  }

  get rating(): Locator {
    return this.panel.getByRole('group', { name: this.names.rateTitle, exact: true });
  }

  /** Opens the shop page and waits for the launcher. */
  async visit(url: string): Promise<void> {
    await this.page.goto(url);
    await expect(this.openButton.or(this.closeButton)).toBeVisible();
  }

  async open(): Promise<void> {
    await this.openButton.click();
    await expect(this.panel).toBeVisible();
  }

  /** Opens the panel unless the widget already restored it open (after a reload, say). */
  async ensureOpen(): Promise<void> {
    await expect(this.openButton.or(this.closeButton)).toBeVisible();
    if (await this.openButton.isVisible()) await this.openButton.click();
    await expect(this.panel).toBeVisible();
  }

  /** Fills in the pre-chat form; the composer is ready afterwards. */
  async startChat(name: string, email: string): Promise<void> {
    await this.nameField.fill(name);
    await this.emailField.fill(email);
    await this.startChatButton.click();
    await expect(this.composer).toBeVisible();
  }

  /** Types and sends one message with the Send button. */
  async send(text: string): Promise<void> {
    await this.composer.fill(text);
    await this.sendButton.click();
    await expect(this.composer).toHaveValue('');
  }

  /** Fills in and sends the offline form. */
  async leaveOfflineMessage(name: string, email: string, message: string): Promise<void> {
    await this.nameField.fill(name);
    await this.emailField.fill(email);
    await this.composer.fill(message);
    await this.leaveMessageButton.click();
  }

  /** Rates the closed conversation. */
  async rate(score: 1 | 2 | 3 | 4 | 5, comment: string): Promise<void> {
    await this.rating.getByRole('button', { name: String(score), exact: true }).click();
    await this.panel.getByRole('textbox', { name: this.names.comment, exact: true }).fill(comment);
    await this.panel.getByRole('button', { name: this.names.sendRating, exact: true }).click();
  }

  /** Declines the recommendation question some sites ask after the rating. */
  async skipNps(): Promise<void> {
    await this.panel.getByRole('button', { name: this.names.skip, exact: true }).click();
  }
}
