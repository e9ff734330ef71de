import type { Request, Response } from 'express';
import { formatRupiah } from '../domain/tpp.ts';
import { bulanParam } from '../lib/bulan-param.ts';
import { AppError } from '../lib/errors.ts';
import { fieldErrors, typedValues } from '../lib/form.ts';
import { selisihExcel } from '../lib/laporan-excel.ts';
import { auditContext } from '../services/audit.service.ts';
import { imporGajiCsv, TEMPLAT_GAJI } from '../services/gaji.service.ts';
import { getSettings, timezone } from '../services/settings.service.ts';
import { batalkanPenetapanTpp, daftarPagu, daftarPenetapan, selisihPenetapan, simpanPagu, tetapkanTpp } from '../services/tpp.service.ts';
import { batalPenetapanSchema, paguFormSchema, parsePaguCsv, penetapanSchema } from '../validation/tpp.schema.ts';

// Admin: pagu TPP per kelas and year (form and CSV), and ditetapkan / unfreeze per month.

export function adminTppController(tz: string) {
  const render = async (req: Request, res: Response, status: number, extra: Record<string, unknown> = {}) => {
    const { tahun } = bulanParam(req.query.bulan, await timezone(tz), req.now);
    const t = Number(req.query.tahun) >= 2000 && Number(req.query.tahun) <= 2100 ? Number(req.query.tahun) : tahun;
    const [pagu, penetapan, settings] = await Promise.all([daftarPagu(t), daftarPenetapan(t), getSettings()]);
    const values = Object.fromEntries(pagu.map((p) => [`kelas${p.kelas}`, p.pagu === null ? '' : String(p.pagu)]));
    res.status(status).render('admin/tpp', {
      title: 'TPP',
      tahun: t,
      penetapan,
      hariPenetapan: settings.tppPenetapanHari,
      tz: await timezone(tz),
      formatRupiah,
      values,
      errors: {},
      ...extra,
    });
  };
  const tahunDari = (req: Request) => Number(req.query.tahun);
  return {
    index: (req: Request, res: Response) => render(req, res, 200),

    async simpanPagu(req: Request, res: Response): Promise<void> {
      const tahun = tahunDari(req);
      const parsed = paguFormSchema.safeParse(req.body ?? {});
      if (!Number.isInteger(tahun) || tahun < 2000 || tahun > 2100) throw new AppError('Tahun tidak valid.', 404);
      if (!parsed.success) return render(req, res, 422, { values: typedValues(req.body), errors: fieldErrors(parsed.error) });
      const list = Object.entries(parsed.data)
        .filter(([, v]) => v !== null)
        .map(([k, v]) => ({ kelas: Number(k.slice(5)), tahun, pagu: v as number }));
      const n = await simpanPagu(list, auditContext(req));
      req.flash('success', n ? `Pagu TPP tahun ${tahun} tersimpan (${n} kelas diubah).` : 'Tidak ada pagu yang berubah.');
      res.redirect(303, `/admin/tpp?tahun=${tahun}`);
    },

    async imporPagu(req: Request, res: Response): Promise<void> {
      const file = req.file;
      if (req.uploadError || !file || file.size === 0)
        return render(req, res, 422, {
          csvErrors: [{ baris: 0, kolom: null, pesan: req.uploadError ?? 'Pilih berkas CSV terlebih dahulu.' }],
        });
      const { rows, errors } = parsePaguCsv(file.buffer.toString('utf8'));
      if (errors.length) return render(req, res, 422, { csvErrors: errors });
      const n = await simpanPagu(rows, auditContext(req));
      req.flash('success', `Impor pagu TPP: ${rows.length} baris, ${n} diubah.`);
      res.redirect(303, `/admin/tpp?tahun=${rows[0]?.tahun ?? ''}`);
    },

    /** POST /admin/tpp/gaji/impor — CSV nip,gaji,status_ptkp (issue 22: bruto → neto), all or nothing. */
    async imporGaji(req: Request, res: Response): Promise<void> {
      const file = req.file;
      if (req.uploadError || !file || file.size === 0)
        return render(req, res, 422, {
          gajiErrors: [{ baris: 0, kolom: null, pesan: req.uploadError ?? 'Pilih berkas CSV terlebih dahulu.' }],
        });
      const hasil = await imporGajiCsv(file.buffer.toString('utf8'), auditContext(req));
      if (hasil.errors.length) return render(req, res, 422, { gajiErrors: hasil.errors });
      req.flash('success', `Impor gaji dan status PTKP: ${hasil.baris} baris, ${hasil.diubah} pegawai diubah.`);
      res.redirect(303, '/admin/tpp');
    },

    templatGaji(_req: Request, res: Response): void {
      res.type('text/csv; charset=utf-8').attachment('templat-gaji.csv').send(TEMPLAT_GAJI);
    },

    async tetapkan(req: Request, res: Response): Promise<void> {
      const parsed = penetapanSchema.safeParse(req.body ?? {});
      if (!parsed.success) return render(req, res, 422, { penetapanError: fieldErrors(parsed.error).bulan });
      const [tahun, bulan] = parsed.data.bulan.split('-').map(Number);
      const zona = await timezone(tz);
      const { today } = bulanParam(undefined, zona, req.now);
      try {
        const n = await tetapkanTpp(tahun, bulan, { today, now: req.now, settings: await getSettings(), who: auditContext(req) });
        req.flash('success', `TPP ${parsed.data.bulan} ditetapkan untuk ${n} pegawai.`);
      } catch (err) {
        if (err instanceof AppError && err.status === 422) return render(req, res, 422, { penetapanError: err.message });
        throw err;
      }
      res.redirect(303, `/admin/tpp?tahun=${tahun}`);
    },

    /** GET /admin/tpp/selisih?bulan=YYYY-MM(&format=xlsx): what changed after the month was ditetapkan. */
    async selisih(req: Request, res: Response): Promise<void> {
      const { tahun, bulan } = bulanParam(req.query.bulan, await timezone(tz), req.now);
      const settings = await getSettings();
      const [rows, penetapan] = await Promise.all([selisihPenetapan(tahun, bulan, settings), daftarPenetapan(tahun)]);
      const tetap = penetapan.find((p) => p.bulan === bulan) ?? null;
      if (req.query.format === 'xlsx') {
        res.attachment(`selisih-tpp-${tahun}-${String(bulan).padStart(2, '0')}.xlsx`);
        return selisihExcel(res, { namaPemda: settings.namaPemda, tahun, bulan, rows });
      }
      res.render('admin/tpp-selisih', { title: 'Selisih setelah penetapan', tahun, bulan, rows, tetap, tz: await timezone(tz) });
    },

    async batal(req: Request, res: Response): Promise<void> {
      const parsed = batalPenetapanSchema.safeParse(req.body ?? {});
      if (!parsed.success) return render(req, res, 422, { batalErrors: fieldErrors(parsed.error), batalValues: typedValues(req.body) });
      const [tahun, bulan] = parsed.data.bulan.split('-').map(Number);
      try {
        await batalkanPenetapanTpp(tahun, bulan, parsed.data.alasan, auditContext(req));
      } catch (err) {
        if (err instanceof AppError && err.status === 422)
          return render(req, res, 422, { batalErrors: { bulan: err.message }, batalValues: typedValues(req.body) });
        throw err;
      }
      req.flash('success', `Penetapan TPP ${parsed.data.bulan} dibatalkan; angka kembali mengikuti data.`);
      res.redirect(303, `/admin/tpp?tahun=${tahun}`);
    },
  };
}
