import { useState } from 'preact/hooks';

/** The one line a site pastes into its pages, with a Copy button. */
export function InstallSnippet(props: {
  siteId: string;
  origin: string;
  copy: (text: string) => Promise<void>;
}) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const snippet = `<script src="${props.origin}/widget.js" data-site="${props.siteId}" async></script>`;

  async function copy(): Promise<void> {
    try {
      await props.copy(snippet);
      setState('copied');
    } catch {
      setState('failed');
    }
  }

  return (
    <section class="card" aria-labelledby="snippet-title">
      <h3 id="snippet-title">Install snippet</h3>
      <p class="muted">
        Paste this before the closing &lt;/body&gt; tag of every page that should show the chat.
      </p>
      <div class="snippet">
        <code>{snippet}</code>
        <button type="button" class="button button-secondary" onClick={() => void copy()}>
          Copy
        </button>
      </div>
      {state === 'copied' && (
        <p class="notice notice-success" role="status">
          Copied to the clipboard.
        </p>
      )}
      {state === 'failed' && (
        <p class="notice notice-error" role="alert">
          The browser did not allow copying. Select the snippet and copy it by hand.
        </p>
      )}
    </section>
  );
}
