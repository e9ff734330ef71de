import { Router } from 'express';
import type { Env } from '../../config/env.ts';
import { ASPEK_RHK, BERAKHLAK, LABEL_ASPEK, LABEL_BERAKHLAK, LABEL_JENIS_RHK, PERILAKU_STANDAR } from '../../domain/skp.ts';
import { requireAuth } from '../../middleware/auth.ts';
import { uploadCsv } from '../../middleware/upload.ts';
import { dokumenController } from './dokumen.controller.ts';
import { matriksController } from './matriks.controller.ts';
import { skpController } from './skp.controller.ts';
import { formRhkTarget, simpanRhkTarget } from './target-rhk.controller.ts';
import { tujuanOpdController } from './tujuan-opd.controller.ts';

/**
 * SKP (issue 19). Every route needs a login; who reaches which SKP is the one rule of akses.service.ts, checked by the
 * service on each request (out of reach 404, readable but not one's to change 403).
 */
export function skpRoutes(env: Env): Router {
  const c = skpController(env);
  const router = Router();
  // the regulation's words for the SKP views
  router.use('/skp', (_req, res, next) => {
    res.locals.skpKata = SKP_KATA;
    next();
  });
  router.get('/skp', requireAuth, c.index);
  router.post('/skp/buat', requireAuth, c.buat);
  router.get('/skp/matriks', requireAuth, matriksController(env));
  // Tujuan OPD: the admin (any OPD, the Pemda) and a pimpinan (their OPD); others 403 (tujuan-opd.service.ts)
  const t = tujuanOpdController(env);
  router.get('/skp/tujuan-opd', requireAuth, t.index);
  router.get('/skp/tujuan-opd/baru', requireAuth, t.formBaru);
  router.post('/skp/tujuan-opd/baru', requireAuth, t.simpan);
  router.get('/skp/tujuan-opd/templat.csv', requireAuth, t.templat);
  router.post('/skp/tujuan-opd/impor', requireAuth, csvUpload, t.impor);
  router.get('/skp/tujuan-opd/:id/ubah', requireAuth, t.formUbah);
  router.post('/skp/tujuan-opd/:id/ubah', requireAuth, t.simpan);
  router.post('/skp/tujuan-opd/:id/nonaktifkan', requireAuth, t.aktif(false));
  router.post('/skp/tujuan-opd/:id/aktifkan', requireAuth, t.aktif(true));
  router.get('/skp/:id', requireAuth, c.show);
  router.get('/skp/:id/dokumen.pdf', requireAuth, dokumenController(env));
  // the pegawai drafts: RHK with indicators, Lampiran, Ajukan
  router.get('/skp/:id/rhk/baru', requireAuth, c.formRhkBaru);
  router.post('/skp/:id/rhk/baru', requireAuth, c.simpanRhkBaru);
  router.get('/skp/:id/rhk/:rid/ubah', requireAuth, c.formRhkUbah);
  router.post('/skp/:id/rhk/:rid/ubah', requireAuth, c.ubahRhk);
  router.post('/skp/:id/rhk/:rid/hapus', requireAuth, c.hapusRhk);
  router.get('/skp/:id/lampiran', requireAuth, c.formLampiran);
  router.post('/skp/:id/lampiran', requireAuth, c.simpanLampiran);
  router.post('/skp/:id/ajukan', requireAuth, c.ajukan);
  // whoever rates the pegawai: ekspektasi khusus pimpinan, Setujui / Kembalikan
  router.get('/skp/:id/ekspektasi', requireAuth, c.formEkspektasi);
  router.post('/skp/:id/ekspektasi', requireAuth, c.simpanEkspektasi);
  router.post('/skp/:id/setujui', requireAuth, c.setujui);
  router.get('/skp/:id/kembalikan', requireAuth, c.formKembalikan);
  router.post('/skp/:id/kembalikan', requireAuth, c.kembalikan);
  // Realisasi Tahunan: the RHK a target supports (the pegawai's own targets)
  router.get('/realisasi-tahunan/target/:id/rhk', requireAuth, formRhkTarget);
  router.post('/realisasi-tahunan/target/:id/rhk', requireAuth, simpanRhkTarget);
  return router;
}

// A goals file is small (hundreds of rows): 1 MB is plenty.
const csvUpload = uploadCsv(1024 * 1024);

const SKP_KATA = { ASPEK_RHK, BERAKHLAK, LABEL_ASPEK, LABEL_BERAKHLAK, LABEL_JENIS_RHK, PERILAKU_STANDAR };
