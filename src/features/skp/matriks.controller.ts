import type { Request, Response } from 'express';
import type { Env } from '../../config/env.ts';
import { todayIn } from '../../domain/periode.ts';
import { queryId } from '../../lib/id-param.ts';
import { timezone } from '../../services/settings.service.ts';
import { matriks } from './matriks.service.ts';

/** GET /skp/matriks?unit=&tahun= — the matriks peran hasil of a unit (or the reader's team) for a year. */
export function matriksController(env: Env) {
  return async (req: Request, res: Response) => {
    const today = todayIn(await timezone(env.APP_TIMEZONE), req.now);
    const ini = Number(today.slice(0, 4));
    const q = Number(req.query.tahun);
    const tahun = Number.isInteger(q) && q >= 2000 && q <= ini + 1 ? q : ini;
    const m = await matriks(req.user!, queryId(req.query.unit), tahun, today);
    res.render('skp/matriks', { title: 'Matriks Peran Hasil', tahun, thisYear: ini, m });
  };
}
