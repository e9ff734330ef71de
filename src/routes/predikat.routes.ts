import { Router } from 'express';
import type { Env } from '../config/env.ts';
import { predikatController } from '../controllers/predikat.controller.ts';
import { requireAuth } from '../middleware/auth.ts';

/** Predikat kinerja: everyone sees their own; the direct atasan rates each subordinate (others 404). */
export function predikatRoutes(env: Env): Router {
  const predikat = predikatController(env.APP_TIMEZONE);
  const router = Router();
  router.get('/predikat', requireAuth, predikat.index);
  router.get('/predikat/pegawai/:id', requireAuth, predikat.form);
  router.post('/predikat/pegawai/:id', requireAuth, predikat.save);
  return router;
}
