import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { consolePolicy, inlineHashes } from './security-headers';

const sha = (body: string) => `'sha256-${createHash('sha256').update(body).digest('base64')}'`;

describe('console CSP', () => {
  it('allows exactly the inline scripts and styles of index.html by hash, never external ones', () => {
    const html = `<head><script type="module" crossorigin src="/console/assets/i.js"></script>
<script type="module">import.meta.url;</script><style>body{margin:0}</style></head>`;
    const inline = inlineHashes(html);
    expect(inline).toEqual({
      scripts: [sha('import.meta.url;')],
      styles: [sha('body{margin:0}')],
    });
    const policy = consolePolicy('http://localhost:3000', inline);
    expect(policy).toContain(`script-src 'self' ${sha('import.meta.url;')}`);
    expect(policy).toContain("connect-src 'self' ws://localhost:3000");
    expect(policy).not.toContain('unsafe-inline');
  });

  it('needs no hash for an index.html without inline code', () => {
    expect(inlineHashes('<script type="module" src="/a.js"></script>')).toEqual({
      scripts: [],
      styles: [],
    });
  });
});
