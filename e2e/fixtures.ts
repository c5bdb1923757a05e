/**
 * What every journey starts from: its own relay (fresh port and data), a real SMTP sink the relay
 * mails to, the third-party shop that embeds the snippet, the visitor's widget on that shop, and
 * consoles signed in through the real sign-in form in contexts of their own.
 */
import { test as base, expect, type Browser } from '@playwright/test';
import { startHostSite, type HostSite } from './host-page/host-site';
import { AgentConsole } from './support/agent-console';
import { OWNER, startRelay, type Relay } from './support/relay';
import { signInApi, type RestApi } from './support/rest-api';
import { startSmtpSink, type SmtpSink } from './support/smtp-sink';
import { Widget } from './support/widget';
import type { WidgetNames } from './support/widget-names';

/** Desktop size for consoles, whatever the visitor's viewport. */
const CONSOLE_VIEWPORT = { width: 1366, height: 820 };

/** Set per file or describe with `test.use({ withEmail: false })`. */
export interface Options {
  /** Whether the relay gets SMTP_URL (the sink); without it the relay runs with email off. */
  withEmail: boolean;
}

export interface Fixtures {
  /** A mail server the relay is configured with (SMTP_URL) unless `withEmail` is false. */
  smtp: SmtpSink;
  /** The relay under test. */
  relay: Relay;
  /** The shop on another origin, embedding the relay's demo site. */
  shop: HostSite;
  /** The owner over REST (Bearer token from POST /api/auth/login). */
  ownerApi: RestApi;
  /** The visitor's widget, in the test's default page. */
  widget: Widget;
  /** Opens a console in a new browser context and signs in. */
  signInConsole: (email: string, password: string) => Promise<AgentConsole>;
  /** The owner, signed in to the console and online. */
  agent: AgentConsole;
  /** Opens another visitor (own context, own storage) on the shop; `names` for another language. */
  newVisitor: (names?: WidgetNames) => Promise<Widget>;
}

export const test = base.extend<Fixtures & Options>({
  withEmail: [true, { option: true }],

  smtp: async ({}, use) => {
    const sink = await startSmtpSink();
    await use(sink);
    await sink.close();
  },

  relay: async ({ smtp, withEmail }, use, testInfo) => {
    const relay = await startRelay(withEmail ? { smtpUrl: smtp.url } : {});
    await use(relay);
    await relay.dispose();
    if (testInfo.status !== testInfo.expectedStatus) {
      await testInfo.attach('relay output', { body: relay.output(), contentType: 'text/plain' });
    }
  },

  shop: async ({ relay }, use) => {
    const site = await startHostSite(relay.url, relay.siteId);
    await use(site);
    await site.close();
  },

  ownerApi: async ({ relay }, use) => {
    await use(await signInApi(relay.url, OWNER.email, OWNER.password));
  },

  widget: async ({ page }, use) => {
    await use(new Widget(page));
  },

  signInConsole: async ({ browser, relay }, use) => {
    const contexts: Awaited<ReturnType<Browser['newContext']>>[] = [];
    await use(async (email, password) => {
      const context = await browser.newContext({ viewport: CONSOLE_VIEWPORT });
      contexts.push(context);
      const console = new AgentConsole(await context.newPage(), relay.url);
      await console.signIn(email, password);
      return console;
    });
    for (const context of contexts) await context.close();
  },

  agent: async ({ signInConsole }, use) => {
    const console = await signInConsole(OWNER.email, OWNER.password);
    await console.goOnline();
    await use(console);
  },

  newVisitor: async ({ browser }, use) => {
    const contexts: Awaited<ReturnType<Browser['newContext']>>[] = [];
    await use(async (names) => {
      const context = await browser.newContext();
      contexts.push(context);
      return new Widget(await context.newPage(), names);
    });
    for (const context of contexts) await context.close();
  },
});

export { expect };
