import type { Request, Response } from 'express';
import type { Env } from '../config/env.ts';
import { todayIn } from '../domain/periode.ts';
import { daftarSkpMenunggu } from '../features/skp/skp.service.ts';
import { NotFoundError } from '../lib/errors.ts';
import { fieldErrors, typedValues } from '../lib/form.ts';
import { idParam } from '../lib/id-param.ts';
import { auditContext } from '../services/audit.service.ts';
import { timezone } from '../services/settings.service.ts';
import * as target from '../services/target.service.ts';
import { kembalikanTargetSchema, setujuiTargetSchema } from '../validation/target.schema.ts';

export function persetujuanTargetController(env: Env) {
  const today = async (req: Request) => todayIn(await timezone(env.APP_TIMEZONE), req.now);
  const who = (req: Request) => auditContext(req);

  /** One waiting target in reach of the signed-in atasan, else 404. */
  const satu = async (req: Request, id: number) => {
    const t = (await target.daftarPersetujuan(req.user!.id, await today(req))).find((x) => x.id === id);
    if (!t) throw new NotFoundError('Target tidak ditemukan atau tidak menunggu persetujuan Anda.');
    return t;
  };

  return {
    /** GET /persetujuan-target — subordinates' targets waiting for approval (empty list for anyone with none). */
    async index(req: Request, res: Response) {
      const hariIni = await today(req);
      const list = await target.daftarPersetujuan(req.user!.id, hariIni);
      // issue 19: the SKP waiting for the same atasan are decided on the same page
      const skp = await daftarSkpMenunggu(req.user!.id, hariIni);
      res.render('persetujuan-target/index', { title: 'Persetujuan Target', list, skp });
    },

    async setujui(req: Request, res: Response) {
      const id = idParam(req.params.id);
      const parsed = setujuiTargetSchema.safeParse(req.body ?? {});
      if (!parsed.success) {
        const list = await target.daftarPersetujuan(req.user!.id, await today(req));
        const skp = await daftarSkpMenunggu(req.user!.id, await today(req));
        return res
          .status(422)
          .render('persetujuan-target/index', { title: 'Persetujuan Target', list, skp, error: fieldErrors(parsed.error).versi });
      }
      await target.putuskanTarget(
        req.user!.id,
        id,
        { setujui: true },
        parsed.data.versi,
        { now: req.now, today: await today(req) },
        who(req),
      );
      req.flash('success', 'Target disetujui.');
      res.redirect(303, '/persetujuan-target');
    },

    async formKembalikan(req: Request, res: Response) {
      const t = await satu(req, idParam(req.params.id));
      res.render('persetujuan-target/kembalikan', { title: 'Kembalikan Target', t, values: { versi: t.updatedAt }, errors: {} });
    },

    async kembalikan(req: Request, res: Response) {
      const id = idParam(req.params.id);
      const parsed = kembalikanTargetSchema.safeParse(req.body ?? {});
      if (!parsed.success) {
        const t = await satu(req, id);
        return res.status(422).render('persetujuan-target/kembalikan', {
          title: 'Kembalikan Target',
          t,
          values: { versi: t.updatedAt, ...typedValues(req.body) },
          errors: fieldErrors(parsed.error),
        });
      }
      await target.putuskanTarget(
        req.user!.id,
        id,
        { setujui: false, catatan: parsed.data.catatan },
        parsed.data.versi,
        { now: req.now, today: await today(req) },
        who(req),
      );
      req.flash('success', 'Target dikembalikan kepada pegawai dengan catatan.');
      res.redirect(303, '/persetujuan-target');
    },
  };
}
