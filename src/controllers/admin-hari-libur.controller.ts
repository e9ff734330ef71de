import type { Request, Response } from 'express';
import { todayIn } from '../domain/periode.ts';
import { fieldErrorsOf } from '../lib/field-error.ts';
import { fieldErrors, typedValues } from '../lib/form.ts';
import { auditContext } from '../services/audit.service.ts';
import { daftarHariLibur, hapusHariLibur, LABEL_JENIS_LIBUR, simpanHariLibur } from '../services/kalender.service.ts';
import { timezone } from '../services/settings.service.ts';
import { hapusHariLiburSchema, hariLiburSchema } from '../validation/hari-libur.schema.ts';

async function tahunDari(req: Request, tz: string): Promise<number> {
  const q = Number(req.query.tahun);
  return Number.isInteger(q) && q >= 2000 && q <= 2100 ? q : Number(todayIn(await timezone(tz), req.now).slice(0, 4));
}

async function render(res: Response, status: number, tahun: number, values: Record<string, string>, errors: Record<string, string> = {}) {
  res.status(status).render('admin/hari-libur', {
    title: 'Hari Libur',
    tahun,
    daftar: await daftarHariLibur(tahun),
    jenisLabel: LABEL_JENIS_LIBUR,
    values,
    errors,
  });
}

export function index(tz: string) {
  return async (req: Request, res: Response): Promise<void> => render(res, 200, await tahunDari(req, tz), { jenis: 'LIBUR_NASIONAL' });
}

export function save(tz: string) {
  return async (req: Request, res: Response): Promise<void> => {
    const parsed = hariLiburSchema.safeParse(req.body ?? {});
    const tahun = await tahunDari(req, tz);
    if (!parsed.success) return render(res, 422, tahun, typedValues(req.body), fieldErrors(parsed.error));
    await simpanHariLibur(parsed.data, auditContext(req));
    req.flash('success', `Hari libur ${parsed.data.tanggal} (${parsed.data.nama}) tersimpan.`);
    res.redirect(303, `/admin/hari-libur?tahun=${parsed.data.tanggal.slice(0, 4)}`);
  };
}

export function remove(tz: string) {
  return async (req: Request, res: Response): Promise<void> => {
    const parsed = hapusHariLiburSchema.safeParse(req.body ?? {});
    const tahun = await tahunDari(req, tz);
    if (!parsed.success) return render(res, 422, tahun, { jenis: 'LIBUR_NASIONAL' }, fieldErrors(parsed.error));
    try {
      await hapusHariLibur(parsed.data.tanggal, auditContext(req));
    } catch (err) {
      const fields = fieldErrorsOf(err);
      if (fields) return render(res, 422, tahun, { jenis: 'LIBUR_NASIONAL' }, fields);
      throw err;
    }
    req.flash('success', `Hari libur ${parsed.data.tanggal} dihapus.`);
    res.redirect(303, `/admin/hari-libur?tahun=${parsed.data.tanggal.slice(0, 4)}`);
  };
}
