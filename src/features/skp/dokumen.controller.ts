import type { Request, Response } from 'express';
import type { Env } from '../../config/env.ts';
import { todayIn } from '../../domain/periode.ts';
import { idParam } from '../../lib/id-param.ts';
import { getLogo } from '../../services/logo.service.ts';
import { getSettings, timezone } from '../../services/settings.service.ts';
import { dokumenSkpPdf } from './dokumen-skp.ts';
import { detailSkp } from './skp.service.ts';

/** GET /skp/:id/dokumen.pdf — the Dokumen SKP, with the same reach as the SKP page (else 404). */
export function dokumenController(env: Env) {
  return async (req: Request, res: Response) => {
    const today = todayIn(await timezone(env.APP_TIMEZONE), req.now);
    const { skp } = await detailSkp(req.user!, idParam(req.params.id), today);
    const logo = await getLogo();
    const pdf = await dokumenSkpPdf({ skp, namaPemda: (await getSettings()).namaPemda, logo: logo?.data ?? null });
    res.type('application/pdf').attachment(`dokumen-skp-${skp.pegawai.nip}-${skp.mulai}.pdf`).send(pdf);
  };
}
