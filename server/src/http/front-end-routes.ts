/** The widget (for any page), the console (for agents) and the demo page. */
import path from 'node:path';
import { ParleyError } from '@parley/shared';
import { Router } from 'express';
import { findRepoDir } from '../repo-dir';
import { renderDemoPage } from './demo-page';
import {
  allowCrossOriginEmbedding,
  consolePolicy,
  demoPolicy,
  inlineHashes,
  newNonce,
} from './security-headers';
import { StaticBundle } from './static-bundle';

/** Short, so that a new release reaches every site within minutes. */
const LOADER_CACHE = 'public, max-age=300';
/** Hashed file names never change content. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

function notBuilt(what: string): ParleyError {
  return new ParleyError('NOT_FOUND', `The ${what} is not built; run "pnpm build"`);
}

export function frontEndRoutes(deps: {
  demoSiteId: () => Promise<string | null>;
  publicUrl: (req: import('express').Request) => string;
}): Router {
  const router = Router();
  // Looked up here, not at import, so a missing checkout fails the start with a message.
  const repoDir = findRepoDir();
  const widget = new StaticBundle(path.join(repoDir, 'widget', 'dist'));
  const consoleApp = new StaticBundle(path.join(repoDir, 'console', 'dist'));

  router.get('/widget.js', async (req, res) => {
    // Any page may embed the loader; the socket and config calls do the origin checks.
    allowCrossOriginEmbedding(res);
    if (!(await widget.send(req, res, 'widget.js', LOADER_CACHE))) throw notBuilt('widget');
  });

  router.get('/widget/assets/{*file}', async (req, res) => {
    allowCrossOriginEmbedding(res);
    const file = (req.params as { file?: string[] }).file?.join('/') ?? '';
    if (!(await widget.send(req, res, `assets/${file}`, IMMUTABLE)))
      throw new ParleyError('NOT_FOUND', 'No such file');
  });

  router.get('/console/assets/{*file}', async (req, res) => {
    const file = (req.params as { file?: string[] }).file?.join('/') ?? '';
    if (!(await consoleApp.send(req, res, `assets/${file}`, IMMUTABLE)))
      throw new ParleyError('NOT_FOUND', 'No such file');
  });

  // Every other /console path is a view of the single-page app.
  router.get(['/console', '/console/{*view}'], async (req, res) => {
    const html = await consoleApp.content('index.html');
    if (html)
      res.setHeader(
        'Content-Security-Policy',
        consolePolicy(deps.publicUrl(req), inlineHashes(html.toString('utf8'))),
      );
    if (!(await consoleApp.send(req, res, 'index.html', 'no-cache'))) throw notBuilt('console');
  });

  router.get('/', (_req, res) => res.redirect('/console'));

  router.get('/demo', async (req, res) => {
    const siteId = await deps.demoSiteId();
    if (!siteId) throw new ParleyError('NOT_FOUND', 'There is no demo site');
    const nonce = newNonce();
    res.setHeader('Content-Security-Policy', demoPolicy(deps.publicUrl(req), nonce));
    // A nonce is good for one response only.
    res.setHeader('Cache-Control', 'no-store');
    res.type('html').send(renderDemoPage(deps.publicUrl(req), siteId, nonce));
  });

  return router;
}
