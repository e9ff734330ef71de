import { Router } from 'express';
import multer from 'multer';
import type { Env } from '../config/env.ts';
import { adminAturanTppController } from '../controllers/admin-aturan-tpp.controller.ts';
import * as audit from '../controllers/admin-audit.controller.ts';
import * as disiplin from '../controllers/admin-disiplin.controller.ts';
import * as hariLibur from '../controllers/admin-hari-libur.controller.ts';
import * as impor from '../controllers/admin-impor.controller.ts';
import * as jabatan from '../controllers/admin-jabatan.controller.ts';
import * as ketidakhadiran from '../controllers/admin-ketidakhadiran.controller.ts';
import * as logo from '../controllers/admin-logo.controller.ts';
import * as pegawai from '../controllers/admin-pegawai.controller.ts';
import * as pengaturan from '../controllers/admin-pengaturan.controller.ts';
import * as presensi from '../controllers/admin-presensi.controller.ts';
import { adminRiwayatController } from '../controllers/admin-riwayat.controller.ts';
import { adminTppController } from '../controllers/admin-tpp.controller.ts';
import { adminTutupBulanController } from '../controllers/admin-tutup-bulan.controller.ts';
import * as unit from '../controllers/admin-unit-kerja.controller.ts';
import { requireAdmin } from '../middleware/auth.ts';
import { multipart, uploadBukti, uploadCsv } from '../middleware/upload.ts';

// A 5,000-pegawai file is ~0.5 MB; 10 MB leaves room for large Anjab files.
const csvUpload = multipart(multer({ storage: multer.memoryStorage(), limits: { fileSize: 10 * 1024 * 1024, files: 1 } }).single('berkas'));

// A month of a Kabupaten's attendance (300,000 rows) is ~14 MB.
const presensiUpload = uploadCsv(40 * 1024 * 1024);

/** Admin kepegawaian (BKPSDM): every URL for the admin role only; everyone else gets 403. */
export function adminRoutes(env: Env): Router {
  const r = Router();
  r.get('/admin', requireAdmin, impor.dashboard);

  r.get('/admin/unit-kerja', requireAdmin, unit.index);
  r.get('/admin/unit-kerja/baru', requireAdmin, unit.newForm);
  r.post('/admin/unit-kerja', requireAdmin, unit.save);
  r.get('/admin/unit-kerja/:id/ubah', requireAdmin, unit.editForm);
  r.post('/admin/unit-kerja/:id', requireAdmin, unit.save);
  r.post('/admin/unit-kerja/:id/nonaktifkan', requireAdmin, unit.setAktif(false));
  r.post('/admin/unit-kerja/:id/aktifkan', requireAdmin, unit.setAktif(true));

  r.get('/admin/jabatan', requireAdmin, jabatan.index);
  r.get('/admin/jabatan/baru', requireAdmin, jabatan.newForm);
  r.post('/admin/jabatan', requireAdmin, jabatan.save);
  r.get('/admin/jabatan/:id/ubah', requireAdmin, jabatan.editForm);
  r.post('/admin/jabatan/:id', requireAdmin, jabatan.save);

  r.get('/admin/pegawai', requireAdmin, pegawai.index);
  r.get('/admin/pegawai/baru', requireAdmin, pegawai.newForm);
  r.post('/admin/pegawai', requireAdmin, pegawai.save);
  r.get('/admin/pegawai/:id/ubah', requireAdmin, pegawai.editForm);
  r.post('/admin/pegawai/:id', requireAdmin, pegawai.save);
  r.post('/admin/pegawai/:id/nonaktifkan', requireAdmin, pegawai.setAktif(false, env.APP_TIMEZONE));
  r.post('/admin/pegawai/:id/aktifkan', requireAdmin, pegawai.setAktif(true, env.APP_TIMEZONE));
  r.post('/admin/pegawai/:id/reset-password', requireAdmin, pegawai.reset);
  const riwayat = adminRiwayatController(env);
  r.get('/admin/pegawai/:id/riwayat', requireAdmin, riwayat.riwayat);
  r.get('/admin/pegawai/:id/disiplin', requireAdmin, disiplin.index);
  r.post('/admin/pegawai/:id/hukdis', requireAdmin, disiplin.simpanHukdis);
  r.post('/admin/pegawai/:id/hukdis/:hid/hapus', requireAdmin, disiplin.hapus);
  r.post('/admin/pegawai/:id/penundaan', requireAdmin, disiplin.simpanPenundaan);
  r.post('/admin/pegawai/:id/penundaan/:tid/lepas', requireAdmin, disiplin.lepas);
  r.post('/admin/pegawai/:id/mutasi', requireAdmin, riwayat.mutasi);

  r.get('/admin/plt-plh', requireAdmin, riwayat.penugasan);
  r.post('/admin/plt-plh', requireAdmin, riwayat.tambahPenugasan);
  r.post('/admin/plt-plh/:id/akhiri', requireAdmin, riwayat.akhiriPenugasan);

  const tutup = adminTutupBulanController(env);
  r.get('/admin/tutup-bulan', requireAdmin, tutup.index);
  r.post('/admin/tutup-bulan', requireAdmin, tutup.buka);
  r.post('/admin/tutup-bulan/:id/tutup', requireAdmin, tutup.tutupKembali);

  r.get('/admin/impor', requireAdmin, impor.index);
  r.get('/admin/impor/templat-pegawai.csv', requireAdmin, impor.template('pegawai'));
  r.get('/admin/impor/templat-anjab.csv', requireAdmin, impor.template('anjab'));
  r.post('/admin/impor/pegawai', requireAdmin, csvUpload, impor.upload('pegawai'));
  r.post('/admin/impor/anjab', requireAdmin, csvUpload, impor.upload('anjab'));

  r.get('/admin/pengaturan', requireAdmin, pengaturan.show);
  r.post('/admin/pengaturan', requireAdmin, pengaturan.save);
  r.get('/admin/pengaturan/logo', requireAdmin, logo.show);
  r.post('/admin/pengaturan/logo', requireAdmin, logo.uploadLogo, logo.save, logo.logoUploadErrors);

  r.get('/admin/presensi', requireAdmin, presensi.index(env.APP_TIMEZONE));
  r.get('/admin/presensi/templat-presensi.csv', requireAdmin, presensi.template);
  r.post('/admin/presensi', requireAdmin, presensiUpload, presensi.upload(env.APP_TIMEZONE));

  const tpp = adminTppController(env.APP_TIMEZONE);
  r.get('/admin/tpp', requireAdmin, tpp.index);
  r.post('/admin/tpp/pagu', requireAdmin, tpp.simpanPagu);
  r.post('/admin/tpp/pagu/impor', requireAdmin, csvUpload, tpp.imporPagu);
  r.get('/admin/tpp/templat-gaji.csv', requireAdmin, tpp.templatGaji);
  r.post('/admin/tpp/gaji/impor', requireAdmin, csvUpload, tpp.imporGaji);
  r.post('/admin/tpp/tetapkan', requireAdmin, tpp.tetapkan);
  r.post('/admin/tpp/batal', requireAdmin, tpp.batal);
  r.get('/admin/tpp/selisih', requireAdmin, tpp.selisih);

  const aturan = adminAturanTppController(env.APP_TIMEZONE);
  r.get('/admin/aturan-tpp', requireAdmin, aturan.index);
  r.post('/admin/aturan-tpp', requireAdmin, aturan.simpan);
  r.get('/admin/aturan-tpp/versi/:id', requireAdmin, aturan.versi);

  r.get('/admin/ketidakhadiran', requireAdmin, ketidakhadiran.index);
  r.post('/admin/ketidakhadiran', requireAdmin, uploadBukti, ketidakhadiran.save);
  r.post('/admin/ketidakhadiran/:id/hapus', requireAdmin, ketidakhadiran.remove);

  r.get('/admin/hari-libur', requireAdmin, hariLibur.index(env.APP_TIMEZONE));
  r.post('/admin/hari-libur', requireAdmin, hariLibur.save(env.APP_TIMEZONE));
  r.post('/admin/hari-libur/hapus', requireAdmin, hariLibur.remove(env.APP_TIMEZONE));

  r.get('/admin/audit', requireAdmin, audit.index(env.APP_TIMEZONE));
  return r;
}
