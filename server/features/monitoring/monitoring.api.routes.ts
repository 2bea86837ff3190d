// GET /api/v1/stats: the dashboard's figures as JSON for the period asked (animators and admins).
import { Router } from 'express';
import { requireAuth } from '../../core/auth.ts';
import type { Deps } from '../../core/deps.ts';
import { actorOf } from '../../core/http.ts';
import { heavyReadRateLimit } from '../../core/security.ts';
import { networkStats } from './monitoring.service.ts';

export function monitoringApiRoutes(deps: Deps): Router {
  const router = Router();
  // Real work per call (see bench/stats.ts): 60 a minute per person.
  const limit = heavyReadRateLimit(deps, 'monitoring-api', 60);

  router.get('/api/v1/stats', requireAuth, limit, async (req, res) => {
    const { stats } = await networkStats(deps, actorOf(req), req.query);
    res.json(stats);
  });

  return router;
}
