import { Router } from 'express';
import type { Env } from '../config/env.ts';
import { persetujuanTargetController } from '../controllers/persetujuan-target.controller.ts';
import { requireAuth } from '../middleware/auth.ts';

/** Persetujuan Target (issue 11): the atasan approves or returns subordinates' annual targets. Reach is checked by the service. */
export function persetujuanTargetRoutes(env: Env): Router {
  const c = persetujuanTargetController(env);
  const router = Router();
  router.get('/persetujuan-target', requireAuth, c.index);
  router.post('/persetujuan-target/:id/setujui', requireAuth, c.setujui);
  router.get('/persetujuan-target/:id/kembalikan', requireAuth, c.formKembalikan);
  router.post('/persetujuan-target/:id/kembalikan', requireAuth, c.kembalikan);
  return router;
}
