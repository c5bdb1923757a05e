import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures';

/** Markup that would run, or leave a mark, if any part of the product rendered it as HTML. */
const CORPUS = [
  '<script>window.__pwned = "script"</script>',
  '<img src=x onerror="window.__pwned = \'img\'">',
  '<div onmouseover="window.__pwned = \'div\'" style="position:fixed;inset:0">hover</div>',
  '"><svg onload="window.__pwned = \'svg-breakout\'">',
  "'><svg/onload=alert('svg-quote')>",
  '<svg><script>window.__pwned = "svg-script"</script></svg>',
  '</style><script>window.__pwned = "style-breakout"</script>',
  '<a href="javascript:window.__pwned = \'anchor\'">click me</a>',
  'javascript:alert(document.domain)',
  'data:text/html,<script>alert("data")</script>',
  '[click](javascript:alert("markdown"))',
  '<iframe srcdoc="<script>parent.__pwned = \'iframe\'</script>"></iframe>',
  '{{constructor.constructor("window.__pwned = \'template\'")()}}',
] as const;

const NAME = '<img src=x onerror="window.__pwned = \'name\'">Eve';
// The email schema allows no angle brackets, quotes or parentheses; an apostrophe is all there is.
const EMAIL = "eve'-x@example.com";
const TITLE = '</title><script>window.__pwned = "title"</script><svg onload=alert("title")>';
const COMMENT = '<img src=x onerror=alert("comment")> great <b>bold</b>';

/** Fails the test if the page opens any dialog (alert, confirm, prompt). */
function refuseDialogs(page: Page, dialogs: string[]): void {
  page.on('dialog', (dialog) => {
    dialogs.push(`${page.url()}: ${dialog.type()} ${dialog.message()}`);
    // A failed dismissal is one more thing the test reports, not something to hide.
    dialog.dismiss().catch((error: unknown) => dialogs.push(`dismiss failed: ${String(error)}`));
  });
}

/** What a payload could have left behind, in the document and every open shadow root. */
async function traces(page: Page) {
  return page.evaluate(() => {
    const found: string[] = [];
    const visit = (root: Document | ShadowRoot) => {
      for (const element of root.querySelectorAll('*')) {
        for (const { name, value } of element.attributes) {
          if (/^on/i.test(name)) found.push(`${element.tagName} ${name}=${value}`);
          // Only what can be clicked: the console's own favicon is a data: URL, rightly.
          const clickable = /^(a|area)$/i.test(element.tagName) && /href$/i.test(name);
          const submits = /^(action|formaction)$/i.test(name);
          if ((clickable || submits) && /^\s*(javascript|data|vbscript):/i.test(value))
            found.push(`${element.tagName} ${name}=${value}`);
          if (name === 'srcdoc') found.push(`${element.tagName} srcdoc`);
        }
        if (element.tagName === 'SCRIPT' && element.textContent?.includes('__pwned'))
          found.push('script element with a payload');
        if (element.shadowRoot) visit(element.shadowRoot);
      }
    };
    visit(document);
    return { found, pwned: (window as { __pwned?: unknown }).__pwned };
  });
}

/**
 * Sends `page:view` over the visitor's own session, as any script on the page could: a raw
 * Socket.IO frame on the relay's websocket, for URLs no browser location can have.
 */
async function rawPageView(page: Page, relayUrl: string, siteId: string, url: string) {
  return page.evaluate(
    async ({ relayUrl, siteId, url }) => {
      const token = localStorage.getItem(`parley:${siteId}:token`);
      const ws = new WebSocket(
        `${relayUrl.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`,
      );
      return new Promise<string>((resolve, reject) => {
        setTimeout(() => reject(new Error('no ack for page:view')), 5000);
        ws.onmessage = ({ data }) => {
          const frame = String(data);
          if (frame.startsWith('0')) ws.send(`40/visitor,${JSON.stringify({ siteId, token })}`);
          else if (frame.startsWith('40/visitor,'))
            ws.send(
              `42/visitor,1${JSON.stringify(['page:view', { url, title: 'Trap', referrer: url }])}`,
            );
          else if (frame.startsWith('43/visitor,1')) {
            ws.close();
            resolve(frame.slice('43/visitor,1'.length));
          } else if (frame.startsWith('44/visitor')) reject(new Error(frame));
          else if (frame === '2') ws.send('3');
        };
      });
    },
    { relayUrl, siteId, url },
  );
}

test.describe('Injected markup', () => {
  test('messages, a name, an email, a page title and URL and a rating comment stay inert text in the widget and the console', async ({
    relay,
    shop,
    widget,
    agent,
  }) => {
    const dialogs: string[] = [];
    refuseDialogs(widget.page, dialogs);
    refuseDialogs(agent.page, dialogs);

    await widget.visit(shop.url());
    await widget.open();
    await widget.startChat(NAME, EMAIL);
    for (const text of CORPUS) {
      await widget.send(text);
      await expect(widget.log).toContainText(text);
    }
    // The host page navigates in place to a hostile title and query: the widget reports it.
    const hostileUrl = `${shop.url()}?q=${encodeURIComponent('"><script>alert(1)</script>')}`;
    await widget.page.evaluate(
      ({ url, title }) => {
        history.pushState({}, '', url);
        document.title = title;
      },
      { url: hostileUrl, title: TITLE },
    );

    // The owner is online with room, so the chat may already be theirs rather than queued.
    await agent.open('All', NAME);
    await expect(agent.transcript).toContainText(CORPUS[0]);
    for (const text of CORPUS) await expect(agent.transcript).toContainText(text);
    const pane = agent.conversation(NAME);
    await expect(pane).toContainText(NAME);
    // The visitor's details sit beside the conversation.
    await expect(agent.page.getByText(EMAIL).first()).toBeVisible();
    const currentPage = agent.page.getByRole('region', { name: 'Current page' });
    await expect(currentPage).toContainText(TITLE);

    // A page URL no browser location can have, sent by a script on the page over the visitor's
    // own session: shown as text, never as a link.
    const ack = await rawPageView(widget.page, relay.url, relay.siteId, 'javascript:alert(1)');
    expect(JSON.parse(ack)).toEqual([{ ok: true, data: {} }]);
    await expect(currentPage).toContainText('Trap');
    await expect(currentPage).toContainText('javascript:alert(1)');
    const dataAck = await rawPageView(
      widget.page,
      relay.url,
      relay.siteId,
      'data:text/html,<script>alert(1)</script>',
    );
    expect(JSON.parse(dataAck)).toEqual([{ ok: true, data: {} }]);
    await expect(currentPage).toContainText('data:text/html,<script>alert(1)</script>');

    // The agent answers with the same corpus: the widget shows it as text too.
    if (await agent.button('Take').isVisible()) await agent.button('Take').click();
    await expect(agent.button('Close conversation')).toBeEnabled();
    for (const text of CORPUS.slice(0, 8)) {
      await agent.reply.fill(text);
      await agent.button('Send').click();
      await expect(widget.log).toContainText(text);
    }

    await agent.button('Close conversation').click();
    await expect(widget.rating).toBeVisible();
    await widget.rate(5, COMMENT);
    await expect(widget.rating).toBeHidden();
    await expect(pane).toContainText('Satisfaction 5/5');
    await expect(pane).toContainText(COMMENT);

    // Hovering and clicking what looks like a link does nothing either.
    await widget.log.getByText('click me').first().click();
    await agent.transcript.getByText('click me').first().click();
    await agent.transcript.getByText('javascript:alert(document.domain)').first().click();
    await expect(agent.page).toHaveURL(new RegExp(`^${relay.url}/console`));

    for (const page of [widget.page, agent.page]) {
      const { found, pwned } = await traces(page);
      expect(found, page.url()).toEqual([]);
      expect(pwned, page.url()).toBeUndefined();
    }
    expect(dialogs).toEqual([]);
  });
});
