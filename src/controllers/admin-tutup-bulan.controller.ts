import type { Request, Response } from 'express';
import type { Env } from '../config/env.ts';
import { namaBulan, todayIn } from '../domain/periode.ts';
import { hariTerakhirTerbuka } from '../domain/tutup-bulan.ts';
import { fieldErrorsOf } from '../lib/field-error.ts';
import { fieldErrors, typedValues } from '../lib/form.ts';
import { idParam } from '../lib/id-param.ts';
import { unitTree } from '../services/admin-unit-kerja.service.ts';
import { auditContext } from '../services/audit.service.ts';
import { getSettings, timezone } from '../services/settings.service.ts';
import * as tutup from '../services/tutup-bulan.service.ts';
import { bukaBulanSchema } from '../validation/tutup-bulan.schema.ts';

/** Tutup bulan (issue 11): which months are reopened for which unit; reopen one, close it again. Admin only. */
export function adminTutupBulanController(env: Env) {
  async function render(req: Request, res: Response, status: number, values: Record<string, unknown> = {}, errors = {}) {
    const [list, units, settings, tz] = await Promise.all([tutup.daftarBuka(), unitTree(), getSettings(), timezone(env.APP_TIMEZONE)]);
    const today = todayIn(tz, req.now);
    const unitNama = new Map(units.map((u) => [u.id, u.nama]));
    res.status(status).render('admin/tutup-bulan', {
      title: 'Tutup Bulan',
      list: list.map((b) => ({ ...b, unit: unitNama.get(b.unitId) ?? `#${b.unitId}`, namaBulan: `${namaBulan(b.bulan)} ${b.tahun}` })),
      units,
      hari: settings.tutupBulanHari,
      // the month that closes next, so the page says when
      berikut: hariTerakhirTerbuka(`${today.slice(0, 7)}-01`, settings.tutupBulanHari),
      values,
      errors,
    });
  }
  return {
    index: (req: Request, res: Response) => render(req, res, 200),

    async buka(req: Request, res: Response) {
      const parsed = bukaBulanSchema.safeParse(req.body ?? {});
      if (!parsed.success) return render(req, res, 422, typedValues(req.body), fieldErrors(parsed.error));
      try {
        await tutup.bukaBulan(parsed.data, auditContext(req));
      } catch (err) {
        const fields = fieldErrorsOf(err);
        if (fields) return render(req, res, 422, typedValues(req.body), fields);
        throw err;
      }
      req.flash('success', `Bulan ${parsed.data.bulan} dibuka kembali untuk unit kerja itu.`);
      res.redirect(303, '/admin/tutup-bulan');
    },

    async tutupKembali(req: Request, res: Response) {
      const done = await tutup.tutupKembali(idParam(req.params.id), auditContext(req));
      req.flash(done ? 'success' : 'info', done ? 'Bulan ditutup kembali.' : 'Bulan ini sudah tertutup.');
      res.redirect(303, '/admin/tutup-bulan');
    },
  };
}
