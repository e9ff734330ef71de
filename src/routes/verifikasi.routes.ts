import { Router } from 'express';
import type { Env } from '../config/env.ts';
import { verifikasiController } from '../controllers/verifikasi.controller.ts';
import { requireAdmin, requireAuth } from '../middleware/auth.ts';

/** The atasan's work (article steps 9–10). Scope (direct subordinates only) is enforced by the service on every call. */
export function verifikasiRoutes(env: Env): Router {
  const v = verifikasiController(env);
  const router = Router();
  router.get('/verifikasi', requireAuth, v.index);
  router.post('/verifikasi', requireAuth, v.verifikasi);
  router.get('/verifikasi/:id/kembalikan', requireAuth, v.formKembalikan);
  router.post('/verifikasi/:id/kembalikan', requireAuth, v.kembalikan);
  router.get('/verifikasi/:id/batal', requireAdmin, v.formBatal);
  router.post('/verifikasi/:id/batal', requireAdmin, v.batal);
  return router;
}
