/**
 * GET /api/widget/sites/:siteId[?locale=pl]: what the widget needs before any socket opens, in the
 * site's words for that language. Public, CORS.
 */
import { ParleyError } from '@parley/shared';
import { Router } from 'express';
import type { Relay } from '../conversations/relay';
import { publicSiteConfig } from '../conversations/visitor-profile';
import { isOriginAllowed } from '../realtime/origin';
import { param } from './http-errors';

export function widgetConfigRoutes(deps: { relay: Relay }): Router {
  const router = Router();

  router.get('/sites/:siteId', async (req, res) => {
    const site = await deps.relay.conversations.requireChatSite(param(req, 'siteId'));
    const origin = req.get('origin');
    if (origin) {
      if (!isOriginAllowed(site, origin))
        throw new ParleyError(
          'ORIGIN_NOT_ALLOWED',
          'This page is not allowed to use the site chat',
        );
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Vary', 'Origin');
    }
    res.setHeader('Cache-Control', 'no-store');
    const locale = typeof req.query.locale === 'string' ? req.query.locale.slice(0, 35) : null;
    res.json(await publicSiteConfig(deps.relay, site, locale));
  });

  return router;
}
