import { Router } from 'express';
import * as anjab from '../controllers/anjab.controller.ts';
import * as tugas from '../controllers/uraian-tugas.controller.ts';
import { requireAdmin, requireAuth } from '../middleware/auth.ts';

/** Anjab: every signed-in ASN reads; only admins change (and every POST carries a CSRF token, checked app-wide). */
export function anjabRoutes(): Router {
  const router = Router();
  router.get('/anjab', requireAuth, anjab.index);
  router.get('/anjab/:id', requireAuth, anjab.show);
  router.get('/anjab/:id/pdf', requireAuth, anjab.pdf);
  router.get('/anjab/:id/ubah', requireAdmin, anjab.edit);
  router.post('/anjab/:id', requireAdmin, anjab.update);
  router.get('/anjab/:id/tugas/baru', requireAdmin, tugas.baru);
  router.post('/anjab/:id/tugas', requireAdmin, tugas.simpan);
  router.get('/anjab/:id/tugas/:tugasId/ubah', requireAdmin, tugas.ubahForm);
  router.post('/anjab/:id/tugas/:tugasId', requireAdmin, tugas.simpan);
  router.post('/anjab/:id/tugas/:tugasId/nonaktifkan', requireAdmin, tugas.setAktif(false));
  router.post('/anjab/:id/tugas/:tugasId/aktifkan', requireAdmin, tugas.setAktif(true));
  router.post('/anjab/:id/tugas/:tugasId/hapus', requireAdmin, tugas.hapus);
  return router;
}
