import type { Request, Response } from 'express';
import type { Env } from '../../config/env.ts';
import { namaBulan, todayIn } from '../../domain/periode.ts';
import { LABEL_PREDIKAT_ORGANISASI, labelPeriode } from '../../domain/skp.ts';
import { fieldErrorsOf } from '../../lib/field-error.ts';
import { fieldErrors, typedValues } from '../../lib/form.ts';
import { auditContext } from '../../services/audit.service.ts';
import { getSettings, timezone } from '../../services/settings.service.ts';
import { periodeParam, qsPeriode } from './evaluasi.schema.ts';
import { kinerjaOrganisasiSchema } from './kinerja-organisasi.schema.ts';
import { daftarKinerjaOrganisasi, simpanKinerjaOrganisasi } from './kinerja-organisasi.service.ts';

/** Admin → Kinerja Organisasi (issue 19): capaian organisasi per OPD and period, with its source. Admin only (routes). */
export function kinerjaOrganisasiController(env: Env) {
  const hariIni = async (req: Request) => todayIn(await timezone(env.APP_TIMEZONE), req.now);

  async function render(req: Request, res: Response, status: number, isian?: Record<string, string>, errors: Record<string, string> = {}) {
    const p = periodeParam(req.query as Record<string, unknown>, await hariIni(req));
    const [rows, settings] = await Promise.all([daftarKinerjaOrganisasi(p), getSettings()]);
    res.status(status).render('skp/kinerja-organisasi/index', {
      title: 'Kinerja Organisasi',
      periode: p,
      judulPeriode: labelPeriode(p, namaBulan),
      rows,
      isian: isian ?? null,
      errors,
      batas: settings.predikatOrganisasiBatas,
      LABEL_PREDIKAT_ORGANISASI,
      qsPeriode,
    });
  }

  return {
    /** GET /admin/kinerja-organisasi?tahun=&bulan= */
    index: (req: Request, res: Response) => render(req, res, 200),

    /** POST /admin/kinerja-organisasi?tahun=&bulan= (one OPD) */
    async simpan(req: Request, res: Response): Promise<void> {
      const parsed = kinerjaOrganisasiSchema.safeParse(req.body ?? {});
      if (!parsed.success) return render(req, res, 422, typedValues(req.body), fieldErrors(parsed.error));
      const today = await hariIni(req);
      const p = periodeParam(req.query as Record<string, unknown>, today);
      try {
        const predikat = await simpanKinerjaOrganisasi(p, parsed.data, today, auditContext(req));
        req.flash(
          'success',
          `Capaian organisasi ${labelPeriode(p, namaBulan)} tersimpan: predikat ${LABEL_PREDIKAT_ORGANISASI[predikat]}.`,
        );
      } catch (err) {
        const fields = fieldErrorsOf(err);
        if (fields) return render(req, res, 422, typedValues(req.body), fields);
        throw err;
      }
      res.redirect(303, `/admin/kinerja-organisasi?${qsPeriode(p)}#opd-${parsed.data.unitId}`);
    },
  };
}
