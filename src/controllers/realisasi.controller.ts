import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import type { z } from 'zod';
import type { Env } from '../config/env.ts';
import { batasKoreksi, bulanLaluMasihTerbuka } from '../domain/batas-input.ts';
import { capaianWaktu } from '../domain/capaian.ts';
import { monthRange, namaBulan, todayIn } from '../domain/periode.ts';
import type { Settings } from '../domain/settings.ts';
import { hariTerakhirTerbuka } from '../domain/tutup-bulan.ts';
import { ForbiddenError } from '../lib/errors.ts';
import { type FieldErrors, fieldErrors, typedValues } from '../lib/form.ts';
import { idParam, queryPage } from '../lib/id-param.ts';
import { bisaUbahRealisasi } from '../policies/realisasi.policy.ts';
import { auditContext } from '../services/audit.service.ts';
import * as realisasi from '../services/realisasi.service.ts';
import { getSettings, timezone } from '../services/settings.service.ts';
import { inputRealisasiSchema, tambahRealisasiSchema, ubahRealisasiSchema } from '../validation/realisasi.schema.ts';

const idOf = (req: Request) => idParam(req.params.id);

/** Month (YYYY-MM) and day (YYYY-MM-DD) from the query, defaulting to today in the Pemda's time zone. */
function periodeDari(req: Request, today: string) {
  const bulanQ =
    typeof req.query.bulan === 'string' && /^\d{4}-(0[1-9]|1[0-2])$/.test(req.query.bulan) ? req.query.bulan : today.slice(0, 7);
  const [tahun, bulan] = bulanQ.split('-').map(Number);
  const { awal, akhir } = monthRange(tahun, bulan);
  const q = typeof req.query.tanggal === 'string' ? req.query.tanggal : '';
  const hari =
    /^\d{4}-\d{2}-\d{2}$/.test(q) && q >= awal && q <= akhir ? q : today >= awal && today <= akhir ? today : akhir < today ? akhir : awal;
  return { tahun, bulan, hari, awal, akhir };
}

/** The form's parse result handed to a service, or its field errors; a file refused by upload.ts is an error too. */
async function jalankan<T>(
  req: Request,
  parsed: { success: true; data: T } | { success: false; error: z.ZodError },
  act: (data: T) => Promise<realisasi.Hasil>,
): Promise<realisasi.Hasil> {
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error) };
  if (req.uploadError) return { ok: false, errors: {} };
  const result = await act(parsed.data);
  // Issue 11: a day's minutes above the setting are saved, with a warning.
  if (result.ok && result.peringatan) req.flash('warning', result.peringatan);
  return result;
}

/** Realisasi Kinerja on the month and day of an entry. */
const keHari = (tanggal: string) => `/realisasi?bulan=${tanggal.slice(0, 7)}&tanggal=${tanggal}`;

/**
 * For the pages: until when a returned entry may be corrected (issue 11) — N days after the return, and never after
 * its month closes — or null for an entry not returned.
 */
const koreksiSampai = (tz: string, s: Settings) => (e: { returnedAt: Date | null; status: number; tanggal: Date }) => {
  if (e.status !== 0 || !e.returnedAt) return null;
  const [koreksi, tutup] = [
    batasKoreksi(e.returnedAt, tz, s.koreksiKembaliHari),
    hariTerakhirTerbuka(e.tanggal.toISOString().slice(0, 10), s.tutupBulanHari),
  ];
  return koreksi < tutup ? koreksi : tutup;
};

export function realisasiController(env: Env) {
  const pelaku = (req: Request): realisasi.Pelaku => ({
    pegawaiId: req.user!.id,
    now: req.now,
    fallbackTz: env.APP_TIMEZONE,
    audit: auditContext(req),
  });
  const tzOf = () => timezone(env.APP_TIMEZONE);

  /** A form re-rendered with what was typed, the errors next to the fields, and a word about the file (422). */
  function formErrors(req: Request, errors: FieldErrors): FieldErrors {
    const out = { ...errors };
    if (req.uploadError) out.bukti = req.uploadError;
    else if (req.bukti) out.bukti = 'Berkas bukti dukung belum tersimpan: pilih berkasnya lagi sebelum menyimpan.';
    return out;
  }

  return {
    /** GET /realisasi — "Realisasi Kinerja" (article step 3). */
    async index(req: Request, res: Response) {
      const tz = await tzOf();
      const today = todayIn(tz, req.now);
      const per = periodeDari(req, today);
      const page = queryPage(req.query.halaman);
      const [data, settings] = await Promise.all([
        realisasi.halamanBulanan(req.user!.id, per.tahun, per.bulan, per.hari, page),
        getSettings(),
      ]);
      // the month's capaian so far comes with the page's statement (the rekap row)
      const capaianBulan = {
        capaian: data.rekap.capaian,
        capaianWaktu: capaianWaktu(data.rekap.menitTerverifikasi, settings.menitEfektifBulanan),
      };
      const terbuka = per.awal.slice(0, 7) === today.slice(0, 7) ? bulanLaluMasihTerbuka(today, settings.batasInputHari) : null;
      const bulanLalu = terbuka && { ...terbuka, nama: namaBulan(terbuka.bulan) };
      res.render('realisasi/index', {
        bulanLalu,
        title: 'Realisasi Kinerja',
        ...per,
        today,
        tz,
        namaBulan: namaBulan(per.bulan),
        ...data,
        bisaUbah: bisaUbahRealisasi,
        koreksiSampai: koreksiSampai(tz, settings),
        capaianBulan,
      });
    },

    /** GET /realisasi/input/:targetBulananId — the form on a target row ("Input Realisasi"). */
    async formInput(req: Request, res: Response) {
      const t = await realisasi.targetBulananMilik(req.user!.id, idOf(req));
      const tz = await tzOf();
      const q = String(req.query.tanggal ?? '');
      const tanggal = /^\d{4}-\d{2}-\d{2}$/.test(q) ? q : todayIn(tz, req.now);
      res.render('realisasi/input', { title: 'Input Realisasi', target: t, values: { tanggal, idempotencyKey: randomUUID() }, errors: {} });
    },

    /** POST /realisasi/input/:targetBulananId — "Simpan". */
    async input(req: Request, res: Response) {
      const targetBulananId = idOf(req);
      const parsed = inputRealisasiSchema.safeParse({ ...req.body, targetBulananId });
      const result = await jalankan(req, parsed, (data) => realisasi.inputRealisasi(pelaku(req), data, req.bukti));
      if (!result.ok) {
        const t = await realisasi.targetBulananMilik(req.user!.id, targetBulananId);
        return res.status(422).render('realisasi/input', {
          title: 'Input Realisasi',
          target: t,
          values: typedValues(req.body),
          errors: formErrors(req, result.errors),
        });
      }
      req.flash('success', 'Realisasi berhasil disimpan. Statusnya belum diverifikasi atasan.');
      res.redirect(303, keHari(parsed.data!.tanggal));
    },

    /** GET /realisasi/tambah — "Tambah Realisasi" (article step 6). */
    async formTambah(req: Request, res: Response) {
      const tz = await tzOf();
      const q = String(req.query.tanggal ?? '');
      const tanggal = /^\d{4}-\d{2}-\d{2}$/.test(q) ? q : todayIn(tz, req.now);
      const pilihan = await realisasi.targetTanpaBulanIni(req.user!.id, Number(tanggal.slice(0, 4)), Number(tanggal.slice(5, 7)));
      res.render('realisasi/tambah', {
        title: 'Tambah Realisasi',
        pilihan,
        values: { tanggal, sumber: 'tambahan', idempotencyKey: randomUUID() },
        errors: {},
      });
    },

    async tambah(req: Request, res: Response) {
      const parsed = tambahRealisasiSchema.safeParse(req.body ?? {});
      const result = await jalankan(req, parsed, (data) => realisasi.tambahRealisasi(pelaku(req), data, req.bukti));
      if (!result.ok) {
        const values = typedValues(req.body);
        const tanggal = /^\d{4}-\d{2}-\d{2}$/.test(values.tanggal ?? '') ? values.tanggal : todayIn(await tzOf(), req.now);
        const pilihan = await realisasi.targetTanpaBulanIni(req.user!.id, Number(tanggal.slice(0, 4)), Number(tanggal.slice(5, 7)));
        return res
          .status(422)
          .render('realisasi/tambah', { title: 'Tambah Realisasi', pilihan, values, errors: formErrors(req, result.errors) });
      }
      req.flash('success', 'Realisasi berhasil disimpan. Statusnya belum diverifikasi atasan.');
      res.redirect(303, keHari(parsed.data!.tanggal));
    },

    /** GET /realisasi/:id/ubah — only while status is 0 (the view shows no button otherwise; the server refuses with 403). */
    async formUbah(req: Request, res: Response) {
      const r = await realisasi.entriMilik(req.user!.id, idOf(req));
      if (!bisaUbahRealisasi(req.user!, r))
        throw new ForbiddenError('Realisasi yang sudah diverifikasi atasan terkunci: tidak dapat diubah atau dihapus.');
      const values = {
        tanggal: r.tanggal.toISOString().slice(0, 10),
        jumlah: String(r.jumlah),
        uraian: r.uraian ?? '',
        menit: String(r.menit),
      };
      const settings = await getSettings();
      res.render('realisasi/ubah', {
        title: 'Ubah Realisasi',
        entri: r,
        values,
        errors: {},
        koreksiSampai: koreksiSampai(await tzOf(), settings),
      });
    },

    async ubah(req: Request, res: Response) {
      const id = idOf(req);
      const parsed = ubahRealisasiSchema.safeParse(req.body ?? {});
      const result = await jalankan(req, parsed, (data) => realisasi.ubahRealisasi(pelaku(req), id, data, req.bukti));
      if (!result.ok) {
        const r = await realisasi.entriMilik(req.user!.id, id);
        return res.status(422).render('realisasi/ubah', {
          title: 'Ubah Realisasi',
          entri: r,
          values: typedValues(req.body),
          errors: formErrors(req, result.errors),
          koreksiSampai: koreksiSampai(await tzOf(), await getSettings()),
        });
      }
      req.flash('success', 'Perubahan realisasi disimpan.');
      res.redirect(303, keHari(parsed.data!.tanggal));
    },

    async hapus(req: Request, res: Response) {
      const result = await realisasi.hapusRealisasi(pelaku(req), idOf(req));
      if (result.ok) req.flash('success', 'Realisasi dihapus.');
      else req.flash('danger', result.pesan);
      res.redirect(303, safeBack(req));
    },

    /** GET /realisasi/:id/bukti — the evidence file, for the owner, their atasan and admins. */
    async bukti(req: Request, res: Response) {
      const b = await realisasi.buktiUntuk(req.user!, idOf(req), todayIn(await timezone(env.APP_TIMEZONE), req.now));
      res.setHeader('Content-Type', b.mime);
      res.setHeader('Content-Length', String(b.ukuran));
      res.setHeader('Content-Disposition', `inline; filename*=UTF-8''${encodeURIComponent(b.namaFile)}`);
      // An uploaded file never runs as part of this site.
      res.setHeader('Content-Security-Policy', "default-src 'none'; img-src 'self'; plugin-types application/pdf; sandbox");
      res.setHeader('Cache-Control', 'private, no-store');
      res.end(Buffer.from(b.data));
    },
  };
}

/** Back to the Realisasi Kinerja page the pegawai came from (a relative path only). */
function safeBack(req: Request): string {
  const back = typeof req.body?.kembali === 'string' ? req.body.kembali : '';
  return back.startsWith('/realisasi') && !back.startsWith('//') ? back : '/realisasi';
}
