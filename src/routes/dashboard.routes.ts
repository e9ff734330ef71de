import { Router } from 'express';
import type { Env } from '../config/env.ts';
import { dashboardController } from '../controllers/dashboard.controller.ts';
import { requirePimpinan } from '../middleware/auth.ts';

/** Dashboard pimpinan: pimpinan (their unit subtree) and admin (the whole Pemda); everyone else 403. */
export function dashboardRoutes(env: Env): Router {
  const dashboard = dashboardController(env.APP_TIMEZONE);
  const router = Router();
  router.get('/dashboard', requirePimpinan, dashboard.unit);
  router.get('/dashboard/pegawai/:id', requirePimpinan, dashboard.pegawai);
  router.get('/dashboard/pegawai/:id/entri', requirePimpinan, dashboard.entri);
  return router;
}
