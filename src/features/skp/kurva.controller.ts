import type { Request, Response } from 'express';
import type { Env } from '../../config/env.ts';
import { bagian, DI_BAWAH_BAIK, maksOrang, uraianBatas } from '../../domain/kurva.ts';
import { namaBulan, todayIn } from '../../domain/periode.ts';
import { PREDIKAT } from '../../domain/predikat.ts';
import { LABEL_PREDIKAT_ORGANISASI, labelPeriode } from '../../domain/skp.ts';
import { NotFoundError } from '../../lib/errors.ts';
import { queryId } from '../../lib/id-param.ts';
import { timezone } from '../../services/settings.service.ts';
import { periodeParam, qsPeriode } from './evaluasi.schema.ts';
import { kurvaTerbaca, polaDistribusi } from './kurva.service.ts';
import { polaDistribusiPdf } from './pola-distribusi.ts';

const labels = { PREDIKAT, DI_BAWAH_BAIK, LABEL_PREDIKAT_ORGANISASI, uraianBatas, bagian, maksOrang, qsPeriode };

/** Kurva distribusi (issue 19): the OPD's curve and its warnings; the admin's list of every OPD; the Pola Distribusi PDF. */
export function kurvaController(env: Env) {
  const periode = async (req: Request) => {
    const tz = await timezone(env.APP_TIMEZONE);
    return periodeParam(req.query as Record<string, unknown>, todayIn(tz, req.now));
  };
  // whoever verifies someone today (the menu's own count, read with the session) is an atasan here too
  const adaJendela = (res: Response) => Boolean(res.locals.tampilVerifikasi);

  return {
    /** GET /evaluasi/kurva?tahun=&bulan=&unit= */
    async index(req: Request, res: Response): Promise<void> {
      const p = await periode(req);
      const list = await kurvaTerbaca(req.user!, adaJendela(res), p);
      const unit = queryId(req.query.unit);
      const pilih = unit !== undefined ? list.find((k) => k.opdId === unit) : list.length === 1 ? list[0] : undefined;
      if (unit !== undefined && !pilih) throw new NotFoundError();
      res.render('skp/kurva/index', {
        title: 'Kurva Distribusi',
        periode: p,
        judulPeriode: labelPeriode(p, namaBulan),
        list,
        pilih,
        ...labels,
      });
    },

    /** GET /evaluasi/kurva/pola-distribusi.pdf?unit=&tahun=&bulan= */
    async pdf(req: Request, res: Response): Promise<void> {
      const p = await periode(req);
      const unit = queryId(req.query.unit);
      if (unit === undefined) throw new NotFoundError();
      const data = await polaDistribusi(req.user!, adaJendela(res), p, unit);
      res
        .type('application/pdf')
        .attachment(`pola-distribusi-${unit}-${p.tahun}${p.bulan === null ? '-tahunan' : `-${String(p.bulan).padStart(2, '0')}`}.pdf`)
        .send(await polaDistribusiPdf(data));
    },
  };
}
