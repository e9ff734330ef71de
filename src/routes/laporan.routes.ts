import { Router } from 'express';
import type { Env } from '../config/env.ts';
import { laporanController } from '../controllers/laporan.controller.ts';
import { requireAuth, requirePimpinan } from '../middleware/auth.ts';

/** Laporan: PDF per pegawai (own, subordinates', unit subtree's, admin: all; else 404) and Rekap Unit in Excel. */
export function laporanRoutes(env: Env): Router {
  const laporan = laporanController(env.APP_TIMEZONE);
  const router = Router();
  router.get('/laporan', requireAuth, laporan.index);
  router.get('/laporan/pegawai/:id.pdf', requireAuth, laporan.pdf);
  router.get('/laporan/unit/:id.xlsx', requirePimpinan, laporan.excel);
  return router;
}
