import { Router } from 'express';
import type { Env } from '../config/env.ts';
import { realisasiController } from '../controllers/realisasi.controller.ts';
import { realisasiTahunanController } from '../controllers/realisasi-tahunan.controller.ts';
import { requireAuth } from '../middleware/auth.ts';
import { uploadBukti } from '../middleware/upload.ts';

/** The pegawai's own work (article steps 3–8). Every route acts on the signed-in pegawai's own data only. */
export function realisasiRoutes(env: Env): Router {
  const realisasi = realisasiController(env);
  const tahunan = realisasiTahunanController(env);
  const router = Router();
  router.get('/realisasi', requireAuth, realisasi.index);
  router.get('/realisasi/input/:id', requireAuth, realisasi.formInput);
  router.post('/realisasi/input/:id', requireAuth, uploadBukti, realisasi.input);
  router.get('/realisasi/tambah', requireAuth, realisasi.formTambah);
  router.post('/realisasi/tambah', requireAuth, uploadBukti, realisasi.tambah);
  router.get('/realisasi/:id/ubah', requireAuth, realisasi.formUbah);
  router.post('/realisasi/:id/ubah', requireAuth, uploadBukti, realisasi.ubah);
  router.post('/realisasi/:id/hapus', requireAuth, realisasi.hapus);
  router.get('/realisasi/:id/bukti', requireAuth, realisasi.bukti);

  router.get('/realisasi-tahunan', requireAuth, tahunan.index);
  router.get('/realisasi-tahunan/target-baru', requireAuth, tahunan.formTargetBaru);
  router.post('/realisasi-tahunan/target-baru', requireAuth, tahunan.simpanTargetBaru);
  router.post('/realisasi-tahunan/salin', requireAuth, tahunan.salin);
  router.get('/realisasi-tahunan/target/:id/ubah', requireAuth, tahunan.formUbah);
  router.post('/realisasi-tahunan/target/:id/ubah', requireAuth, tahunan.ubah);
  router.post('/realisasi-tahunan/target/:id/hapus', requireAuth, tahunan.hapus);
  router.post('/realisasi-tahunan/target/:id/ajukan', requireAuth, tahunan.ajukan);
  return router;
}
