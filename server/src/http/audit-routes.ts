/** GET /api/audit: the owner actions recorded on the caller's sites, newest first. */
import type { AuditLog } from '@parley/shared';
import { auditQuerySchema } from '@parley/shared/schemas';
import { Router, type RequestHandler } from 'express';
import type { Store } from '../storage/store';
import { parse } from './http-errors';
import { requireOwner, signedIn } from './require-agent';

export function auditRoutes(deps: { store: Store; requireAgent: RequestHandler }): Router {
  const router = Router();
  router.use(deps.requireAgent);

  router.get('/', async (req, res) => {
    const owner = signedIn(res);
    requireOwner(owner);
    const query = parse(auditQuerySchema, req.query);
    // An owner sees what concerns any site they serve, and what they did themselves.
    const log: AuditLog = await deps.store.listAuditEntries({
      siteIds: owner.siteIds,
      actorId: owner.id,
      limit: query.limit,
      offset: query.offset,
    });
    res.json(log);
  });

  return router;
}
