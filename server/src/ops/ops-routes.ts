/** GET /healthz for load balancers, GET /metrics for Prometheus (with METRICS_TOKEN). */
import { createHash, timingSafeEqual } from 'node:crypto';
import { ParleyError } from '@parley/shared';
import { Router, type Request } from 'express';
import type { StoreHealth } from '../storage/store';
import type { Metrics } from './metrics';

/** Compares digests, so neither the token's content nor its length leaks through timing. */
function sameToken(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

function bearer(req: Request): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.get('authorization') ?? '');
  return match?.[1] ?? null;
}

export function opsRoutes(deps: {
  /** What /healthz reports: the store and every service the relay needs (Redis). */
  health: () => Promise<StoreHealth>;
  metrics: Metrics;
  /** Without one, /metrics answers 403 to everyone: metrics are never public by default. */
  metricsToken: string | undefined;
}): Router {
  const router = Router();

  router.get('/healthz', async (_req, res) => {
    // A relay that cannot store a message must leave the load balancer's rotation.
    const health = await deps.health().catch((error: unknown): StoreHealth => ({
      ok: false,
      reason: `health check failed: ${String(error)}`,
    }));
    res.setHeader('Cache-Control', 'no-store');
    if (health.ok) res.json({ status: 'ok' });
    else res.status(503).json({ status: 'unhealthy', reason: health.reason });
  });

  router.get('/metrics', async (req, res) => {
    if (!deps.metricsToken) {
      throw new ParleyError('FORBIDDEN', 'Metrics are disabled; set METRICS_TOKEN to serve them');
    }
    const token = bearer(req);
    if (!token || !sameToken(token, deps.metricsToken)) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
      throw new ParleyError(
        'UNAUTHENTICATED',
        'GET /metrics needs Authorization: Bearer METRICS_TOKEN',
      );
    }
    res.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
  });

  return router;
}
