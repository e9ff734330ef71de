import { Router } from 'express';
import type { Env } from '../../config/env.ts';
import { requireAdmin, requireAuth } from '../../middleware/auth.ts';
import { evaluasiController } from './evaluasi.controller.ts';
import { kinerjaOrganisasiController } from './kinerja-organisasi.controller.ts';
import { kurvaController } from './kurva.controller.ts';

/**
 * Evaluasi kinerja periodik, kurva distribusi and kinerja organisasi (issue 19). Who reaches which pegawai's period is
 * decided by the services through akses.service.ts (404 out of reach, 403 readable but not the reader's to rate);
 * the curve by the OPD in reach (403 for a reader who rates nobody); kinerja organisasi is the admin's.
 */
export function evaluasiRoutes(env: Env): Router {
  const evaluasi = evaluasiController(env);
  const kurva = kurvaController(env);
  const organisasi = kinerjaOrganisasiController(env);
  const router = Router();
  router.get('/evaluasi', requireAuth, evaluasi.index);
  router.get('/evaluasi/kurva', requireAuth, kurva.index);
  router.get('/evaluasi/kurva/pola-distribusi.pdf', requireAuth, kurva.pdf);
  router.get('/evaluasi/pegawai/:id', requireAuth, evaluasi.form);
  router.post('/evaluasi/pegawai/:id', requireAuth, evaluasi.simpan);
  router.get('/evaluasi/pegawai/:id/dokumen.pdf', requireAuth, evaluasi.dokumen);
  router.get('/predikat', requireAuth, evaluasi.predikat);
  router.get('/admin/kinerja-organisasi', requireAdmin, organisasi.index);
  router.post('/admin/kinerja-organisasi', requireAdmin, organisasi.simpan);
  return router;
}
