import { Router } from 'express';
import type pg from 'pg';
import { replicaStates } from '../db/replicas.ts';
import { databaseHealth } from '../services/health.service.ts';

/**
 * GET /healthz: 200 "ok" or "slow" (serving, under load or waiting on a lock), 503 "down" (no primary database);
 * with DATABASE_REPLICA_URLS also each replica's state (ok, down, lagging) and replay lag in seconds.
 */
export function healthRoutes(pool: pg.Pool): Router {
  const router = Router();
  router.get('/healthz', async (_req, res) => {
    // replicas: the state the monitor last saw (a replica down or behind only moves its reads to the primary)
    const replicas = replicaStates();
    const health = { ...(await databaseHealth(pool)), ...(replicas.length > 0 ? { replicas } : {}) };
    res.setHeader('Cache-Control', 'no-store');
    if (health.status === 'down') res.setHeader('Retry-After', '10');
    res
      .status(health.status === 'down' ? 503 : 200)
      .json(health.status === 'down' ? { ...health, status: 'database-unreachable' } : health);
  });
  return router;
}
