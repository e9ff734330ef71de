import { Router } from 'express';
import type { Env } from '../config/env.ts';
import { presensiController, tppController } from '../controllers/presensi.controller.ts';
import { requireAuth } from '../middleware/auth.ts';

/** Presensi calendar and Capaian & TPP: one's own, or a pegawai within the reader's scope (else 404). */
export function presensiRoutes(env: Env): Router {
  const presensi = presensiController(env.APP_TIMEZONE);
  const tpp = tppController(env.APP_TIMEZONE);
  const router = Router();
  router.get('/presensi', requireAuth, presensi.show);
  router.get('/presensi/pegawai/:id', requireAuth, presensi.show);
  router.get('/tpp', requireAuth, tpp.show);
  router.get('/tpp/pegawai/:id', requireAuth, tpp.show);
  return router;
}
