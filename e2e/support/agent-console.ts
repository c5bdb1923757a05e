/** The agent's side: the real console at RELAY/console, driven by its roles and names. */
import { expect, type Locator, type Page } from '@playwright/test';

export type InboxTab = 'Queue' | 'Mine' | 'All' | 'Offline' | 'Closed' | 'Missed';

/** The console as an agent uses it. */
export class AgentConsole {
  constructor(
    readonly page: Page,
    private readonly relayUrl: string,
  ) {}

  get onlineSwitch(): Locator {
    return this.page.getByRole('switch', { name: 'Online' });
  }

  get reply(): Locator {
    return this.page.getByRole('textbox', { name: 'Reply', exact: true });
  }

  /** The open conversation's transcript. */
  get transcript(): Locator {
    return this.page.getByRole('log');
  }

  button(name: 'Send' | 'Take' | 'Transfer' | 'Close conversation' | 'Add note'): Locator {
    return this.page.getByRole('button', { name, exact: true });
  }

  tab(name: InboxTab): Locator {
    return this.page.getByRole('tab', { name, exact: true });
  }

  /** A conversation in the inbox list, found by the visitor's name. */
  row(visitorName: string): Locator {
    return this.page.getByRole('option', { name: new RegExp(escapeRegExp(visitorName)) });
  }

  /** The open conversation pane. */
  conversation(visitorName: string): Locator {
    return this.page.getByRole('region', { name: `Conversation with ${visitorName}` });
  }

  async signIn(email: string, password: string): Promise<void> {
    await this.page.goto(`${this.relayUrl}/console`);
    await this.page.getByRole('textbox', { name: 'Email' }).fill(email);
    await this.page.getByRole('textbox', { name: 'Password' }).fill(password);
    await this.page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(this.tab('Queue')).toBeVisible();
  }

  /**
   * Waits until the agent is online. Signing in brings an offline agent online by itself (the
   * relay does it when the console connects), so the switch must turn on without a click.
   */
  async goOnline(): Promise<void> {
    await expect(this.onlineSwitch).toBeChecked();
    await expect(this.onlineSwitch).toBeEnabled();
  }

  /** Opens a conversation from a tab of the inbox. */
  async open(tab: InboxTab, visitorName: string): Promise<void> {
    await this.tab(tab).click();
    await this.row(visitorName).click();
    await expect(this.conversation(visitorName)).toBeVisible();
  }

  /** Opens the conversation header's "More actions" menu and picks `name` in it. */
  async moreAction(name: 'Download transcript'): Promise<void> {
    await this.page.getByRole('button', { name: 'More actions', exact: true }).click();
    await this.page
      .getByRole('menu', { name: 'More actions' })
      .getByRole('menuitem', { name, exact: true })
      .click();
  }

  /** Saves the open conversation's transcript (a download the test can wait for). */
  async downloadTranscript(): Promise<void> {
    await this.moreAction('Download transcript');
  }

  async sendReply(text: string): Promise<void> {
    await this.reply.fill(text);
    await this.button('Send').click();
    await expect(this.transcript).toContainText(text);
  }

  async addNote(text: string): Promise<void> {
    await this.reply.fill(text);
    await this.button('Add note').click();
    await expect(this.transcript).toContainText(text);
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
