import type { Request, Response } from 'express';
import type { Env } from '../config/env.ts';
import { todayIn } from '../domain/periode.ts';
import { NotFoundError } from '../lib/errors.ts';
import { fieldErrorsOf } from '../lib/field-error.ts';
import { fieldErrors, typedValues } from '../lib/form.ts';
import { idParam } from '../lib/id-param.ts';
import { jabatanOptions } from '../services/admin-jabatan.service.ts';
import { getPegawai } from '../services/admin-pegawai.service.ts';
import { unitTree } from '../services/admin-unit-kerja.service.ts';
import { auditContext } from '../services/audit.service.ts';
import * as riwayat from '../services/riwayat.service.ts';
import { timezone } from '../services/settings.service.ts';
import { mutasiSchema, penugasanSchema } from '../validation/riwayat.schema.ts';

/** Riwayat jabatan and mutasi of one pegawai; Plt/Plh assignments (issue 11). Admin only (see admin.routes.ts). */
export function adminRiwayatController(env: Env) {
  const today = async (req: Request) => todayIn(await timezone(env.APP_TIMEZONE), req.now);

  async function renderRiwayat(req: Request, res: Response, status: number, values?: Record<string, unknown>, errors = {}) {
    const id = idParam(req.params.id);
    const [pegawai, rows, versi, units, jabatan] = await Promise.all([
      getPegawai(id),
      riwayat.riwayatPegawai(id),
      riwayat.versiRiwayat(id),
      unitTree(),
      jabatanOptions(),
    ]);
    if (!pegawai) throw new NotFoundError();
    res.status(status).render('admin/pegawai/riwayat', {
      title: 'Riwayat Jabatan',
      pegawai,
      rows,
      units: units.filter((u) => u.aktif),
      jabatan,
      values: values ?? {
        tmt: await today(req),
        unitId: pegawai.unitId ?? '',
        jabatanId: pegawai.jabatanId ?? '',
        nipAtasan: pegawai.atasan?.nip ?? '',
        versi,
      },
      errors,
    });
  }

  return {
    /** GET /admin/pegawai/:id/riwayat */
    riwayat: (req: Request, res: Response) => renderRiwayat(req, res, 200),

    /** POST /admin/pegawai/:id/mutasi */
    async mutasi(req: Request, res: Response) {
      const id = idParam(req.params.id);
      const parsed = mutasiSchema.safeParse(req.body ?? {});
      if (!parsed.success) return renderRiwayat(req, res, 422, typedValues(req.body), fieldErrors(parsed.error));
      try {
        await riwayat.mutasi(id, parsed.data, auditContext(req), { now: req.now, tz: await timezone(env.APP_TIMEZONE) });
      } catch (err) {
        const fields = fieldErrorsOf(err);
        if (fields) return renderRiwayat(req, res, 422, typedValues(req.body), fields);
        throw err;
      }
      req.flash('success', `Mutasi tersimpan mulai TMT ${parsed.data.tmt}.`);
      res.redirect(303, `/admin/pegawai/${id}/riwayat`);
    },

    /** GET /admin/plt-plh */
    async penugasan(req: Request, res: Response) {
      await renderPenugasan(req, res, 200);
    },

    /** POST /admin/plt-plh */
    async tambahPenugasan(req: Request, res: Response) {
      const parsed = penugasanSchema.safeParse(req.body ?? {});
      if (!parsed.success) return renderPenugasan(req, res, 422, typedValues(req.body), fieldErrors(parsed.error));
      try {
        await riwayat.tambahPenugasan(parsed.data, auditContext(req));
      } catch (err) {
        const fields = fieldErrorsOf(err);
        if (fields) return renderPenugasan(req, res, 422, typedValues(req.body), fields);
        throw err;
      }
      req.flash('success', `${parsed.data.jenis === 'PLT' ? 'Plt' : 'Plh'} tersimpan.`);
      res.redirect(303, '/admin/plt-plh');
    },

    /** POST /admin/plt-plh/:id/akhiri */
    async akhiriPenugasan(req: Request, res: Response) {
      const done = await riwayat.akhiriPenugasan(idParam(req.params.id), auditContext(req));
      req.flash(done ? 'success' : 'info', done ? 'Penugasan diakhiri.' : 'Penugasan ini sudah berakhir.');
      res.redirect(303, '/admin/plt-plh');
    },
  };

  async function renderPenugasan(req: Request, res: Response, status: number, values?: Record<string, unknown>, errors = {}) {
    const [list, jabatan] = await Promise.all([riwayat.daftarPenugasan(), jabatanOptions()]);
    const t = await today(req);
    res.status(status).render('admin/plt-plh', {
      title: 'Plt / Plh',
      list: list.map((p) => ({
        ...p,
        mulai: p.mulai.toISOString().slice(0, 10),
        selesai: p.selesai.toISOString().slice(0, 10),
        jabatan: jabatan.find((j) => j.id === p.jabatanId),
      })),
      today: t,
      jabatan,
      values: values ?? { jenis: 'PLH', mulai: t, selesai: t },
      errors,
    });
  }
}
