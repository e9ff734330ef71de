import { Router } from 'express';
import type { Env } from '../../config/env.ts';
import { requireAdmin } from '../../middleware/auth.ts';
import { siasnController } from './siasn.controller.ts';

/** Admin → SIASN (issue 19 §3): the admin kepegawaian only; everyone else 403. */
export function siasnRoutes(env: Env): Router {
  const c = siasnController(env);
  const router = Router();
  router.get('/admin/siasn', requireAdmin, c.index);
  router.get('/admin/siasn/kinerja.csv', requireAdmin, c.csv);
  router.get('/admin/siasn/kinerja.json', requireAdmin, c.json);
  router.get('/admin/siasn/laporan.xlsx', requireAdmin, c.xlsx);
  router.post('/admin/siasn/kirim', requireAdmin, c.kirim);
  return router;
}
