import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import type { Env } from '../config/env.ts';
import { todayIn } from '../domain/periode.ts';
import { fieldErrors, typedValues } from '../lib/form.ts';
import { auditContext } from '../services/audit.service.ts';
import { timezone } from '../services/settings.service.ts';
import * as target from '../services/target.service.ts';
import { targetBaruSchema } from '../validation/target.schema.ts';

export function realisasiTahunanController(env: Env) {
  const today = async (req: Request) => todayIn(await timezone(env.APP_TIMEZONE), req.now);

  return {
    /** GET /realisasi-tahunan — "Realisasi Tahunan" with "Tambah Target Baru" at the bottom (article step 7). */
    async index(req: Request, res: Response) {
      const hariIni = await today(req);
      const thisYear = Number(hariIni.slice(0, 4));
      const q = Number(req.query.tahun);
      const tahun = Number.isInteger(q) && q >= 2000 && q <= thisYear + 1 ? q : thisYear;
      const data = await target.halamanTahunan(req.user!.id, tahun);
      res.render('realisasi-tahunan/index', { title: 'Realisasi Tahunan', tahun, thisYear, ...data });
    },

    /** GET /realisasi-tahunan/target-baru — "Tambah Target Baru" (article step 8). */
    async formTargetBaru(req: Request, res: Response) {
      const hariIni = await today(req);
      const { jabatan, tugas } = await target.kegiatanTugasJabatan(req.user!.id);
      res.render('realisasi-tahunan/target-baru', {
        title: 'Tambah Target Baru',
        tahun: Number(hariIni.slice(0, 4)),
        bulanIni: Number(hariIni.slice(5, 7)),
        jabatan,
        tugas,
        values: { idempotencyKey: randomUUID() },
        errors: {},
      });
    },

    async simpanTargetBaru(req: Request, res: Response) {
      const hariIni = await today(req);
      const tahun = Number(hariIni.slice(0, 4));
      const bulanIni = Number(hariIni.slice(5, 7));
      const parsed = targetBaruSchema.safeParse(req.body ?? {});
      const p = { pegawaiId: req.user!.id, now: req.now, fallbackTz: env.APP_TIMEZONE, audit: auditContext(req) };
      const result = parsed.success
        ? await target.simpanTargetBaru(p, tahun, bulanIni, parsed.data)
        : { ok: false as const, errors: fieldErrors(parsed.error) };
      if (!result.ok) {
        const { jabatan, tugas } = await target.kegiatanTugasJabatan(req.user!.id);
        return res.status(422).render('realisasi-tahunan/target-baru', {
          title: 'Tambah Target Baru',
          tahun,
          bulanIni,
          jabatan,
          tugas,
          values: typedValues(req.body),
          errors: result.errors,
        });
      }
      req.flash('success', 'Target baru berhasil disimpan.');
      res.redirect(303, `/realisasi-tahunan?tahun=${tahun}#target-${result.id}`);
    },
  };
}
