/** GET /healthz for load balancers, GET /metrics for Prometheus. */
import { Router } from 'express';
import type { Store } from '../storage/store';
import type { Metrics } from './metrics';

export function opsRoutes(deps: { store: Store; metrics: Metrics }): Router {
  const router = Router();

  router.get('/healthz', async (_req, res) => {
    try {
      await deps.store.getSetting('tokenSigningKey');
      res.json({ status: 'ok' });
    } catch {
      res.status(503).json({
        status: 'unavailable',
        error: { code: 'INTERNAL', message: 'The store does not answer' },
      });
    }
  });

  router.get('/metrics', async (_req, res) => {
    res.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
  });

  return router;
}
