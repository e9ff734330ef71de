import { Router } from 'express';
import { databaseReachable } from '../services/health.service.ts';

export function healthRoutes(): Router {
  const router = Router();
  router.get('/healthz', async (_req, res) => {
    const ok = await databaseReachable();
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'database-unreachable' });
  });
  return router;
}
