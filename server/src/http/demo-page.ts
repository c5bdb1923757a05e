/** The one-line snippet a site owner pastes into their pages. */
export function widgetSnippet(publicUrl: string, siteId: string): string {
  return `<script src="${publicUrl}/widget.js" data-site="${siteId}" async></script>`;
}

/** A plain page with the demo site's widget embedded, to try Parley right after the first start. */
export function renderDemoPage(publicUrl: string, siteId: string, nonce: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Parley demo shop</title>
<style nonce="${nonce}">
  body { font: 16px/1.6 system-ui, sans-serif; margin: 0; color: #1f2937; background: #f9fafb; }
  header { background: #111827; color: #fff; padding: 1.25rem 2rem; }
  main { max-width: 42rem; margin: 2rem auto; padding: 0 1.5rem; }
  code { background: #e5e7eb; padding: 0.1rem 0.35rem; border-radius: 4px; font-size: 0.9em; word-break: break-all; }
</style>
</head>
<body>
<header><strong>Demo shop</strong></header>
<main>
<h1>This page has Parley on it</h1>
<p>Open the chat button in the corner and send a message. Answer it from the
<a href="${publicUrl}/console">console</a>, signed in as the owner printed when the server started.</p>
<p>The widget on this page is this one line:</p>
<p><code>${escapeHtml(widgetSnippet(publicUrl, siteId))}</code></p>
</main>
${widgetSnippet(publicUrl, siteId).replace('<script ', `<script nonce="${nonce}" `)}
</body>
</html>
`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
