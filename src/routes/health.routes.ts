import { Router } from 'express';
import type pg from 'pg';
import { databaseHealth } from '../services/health.service.ts';

/** GET /healthz: 200 "ok" or "slow" (serving, under load or waiting on a lock), 503 "down" (no database). */
export function healthRoutes(pool: pg.Pool): Router {
  const router = Router();
  router.get('/healthz', async (_req, res) => {
    const health = await databaseHealth(pool);
    res.setHeader('Cache-Control', 'no-store');
    if (health.status === 'down') res.setHeader('Retry-After', '10');
    res
      .status(health.status === 'down' ? 503 : 200)
      .json(health.status === 'down' ? { ...health, status: 'database-unreachable' } : health);
  });
  return router;
}
