import { Router } from 'express';
import type { Env } from '../../config/env.ts';
import { requireAuth } from '../../middleware/auth.ts';
import { umpanBalikController } from './umpan-balik.controller.ts';

/**
 * Umpan Balik (issue 19 §2). Reach is decided per pegawai and date by akses.service.ts: out of reach 404, readable
 * but not the reader's to write (the pegawai writing feedback, a pimpinan) 403.
 */
export function umpanBalikRoutes(env: Env): Router {
  const c = umpanBalikController(env);
  const router = Router();
  router.get('/skp/umpan-balik', requireAuth, c.milikSaya);
  router.get('/skp/umpan-balik/pegawai/:id', requireAuth, c.pegawai);
  router.post('/skp/umpan-balik/pegawai/:id', requireAuth, c.tulis);
  router.post('/skp/umpan-balik/:id/jawab', requireAuth, c.jawab);
  return router;
}
