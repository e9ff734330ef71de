import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import type { Env } from '../../config/env.ts';
import { todayIn } from '../../domain/periode.ts';
import { fieldErrorsOf } from '../../lib/field-error.ts';
import { fieldErrors, typedValues } from '../../lib/form.ts';
import { idParam, queryId } from '../../lib/id-param.ts';
import { auditContext } from '../../services/audit.service.ts';
import { timezone } from '../../services/settings.service.ts';
import { imporTujuanSchema, tujuanSchema } from './skp.schema.ts';
import * as tujuan from './tujuan-opd.service.ts';

/** Tujuan OPD (issue 19): the list per OPD and year, add/edit/deactivate, CSV import. Reach: tujuan-opd.service.ts. */
export function tujuanOpdController(env: Env) {
  const tahunIni = async (req: Request) => Number(todayIn(await timezone(env.APP_TIMEZONE), req.now).slice(0, 4));
  const tahunDari = (q: unknown, ini: number) => {
    const n = Number(q);
    return Number.isInteger(n) && n >= 2000 && n <= ini + 1 ? n : ini;
  };

  const renderIndex = async (req: Request, res: Response, status: number, extra: Record<string, unknown> = {}) => {
    const ini = await tahunIni(req);
    const tahun = tahunDari(req.query.tahun ?? req.body?.tahun, ini);
    const data = await tujuan.daftarTujuan(req.user!, queryId(req.query.unit ?? req.body?.unitId), tahun);
    res.status(status).render('skp/tujuan-opd/index', { title: 'Tujuan OPD', tahun, thisYear: ini, ...data, ...extra });
  };

  const renderForm = async (
    req: Request,
    res: Response,
    status: number,
    values: Record<string, unknown>,
    errors: Record<string, string>,
  ) => {
    const id = req.params.id ? idParam(req.params.id) : null;
    const opd = await tujuan.opdTerjangkau(req.user!);
    res.status(status).render('skp/tujuan-opd/form', { title: id ? 'Ubah Tujuan OPD' : 'Tambah Tujuan OPD', id, opd, values, errors });
  };

  return {
    index: (req: Request, res: Response) => renderIndex(req, res, 200),

    async formBaru(req: Request, res: Response) {
      const ini = await tahunIni(req);
      await renderForm(
        req,
        res,
        200,
        { unitId: String(queryId(req.query.unit) ?? ''), tahun: String(tahunDari(req.query.tahun, ini)), idempotencyKey: randomUUID() },
        {},
      );
    },

    async formUbah(req: Request, res: Response) {
      const t = await tujuan.tujuanMilik(req.user!, idParam(req.params.id));
      await renderForm(req, res, 200, { ...t, unitId: String(t.unitId), tahun: String(t.tahun) }, {});
    },

    async simpan(req: Request, res: Response) {
      const id = req.params.id ? idParam(req.params.id) : null;
      const lama = id ? await tujuan.tujuanMilik(req.user!, id) : null;
      const body = lama ? { ...req.body, unitId: String(lama.unitId), tahun: String(lama.tahun) } : req.body;
      const parsed = tujuanSchema.safeParse(body ?? {});
      if (!parsed.success) return renderForm(req, res, 422, typedValues(body), fieldErrors(parsed.error));
      try {
        const saved = await tujuan.simpanTujuan(req.user!, id, parsed.data, auditContext(req));
        req.flash('success', id ? 'Tujuan OPD diubah.' : 'Tujuan OPD ditambahkan.');
        res.redirect(303, `/skp/tujuan-opd?unit=${parsed.data.unitId}&tahun=${parsed.data.tahun}#tujuan-${saved}`);
      } catch (e) {
        const f = fieldErrorsOf(e);
        if (!f) throw e;
        await renderForm(req, res, 422, typedValues(body), f);
      }
    },

    aktif(aktif: boolean) {
      return async (req: Request, res: Response) => {
        const t = await tujuan.aturAktifTujuan(req.user!, idParam(req.params.id), aktif, auditContext(req));
        req.flash('success', aktif ? 'Tujuan OPD diaktifkan kembali.' : 'Tujuan OPD dinonaktifkan: tidak lagi ditawarkan untuk RHK baru.');
        res.redirect(303, `/skp/tujuan-opd?unit=${t.unitId}&tahun=${t.tahun}`);
      };
    },

    templat(_req: Request, res: Response) {
      res.attachment('templat-tujuan-opd.csv').type('text/csv; charset=utf-8').send(tujuan.TEMPLATE_TUJUAN);
    },

    async impor(req: Request, res: Response) {
      const parsed = imporTujuanSchema.safeParse(req.body ?? {});
      const gagal = (pesan: string) => renderIndex(req, res, 422, { imporError: pesan });
      if (!parsed.success) return gagal(Object.values(fieldErrors(parsed.error))[0]);
      if (req.uploadError) return gagal(req.uploadError);
      const file = req.file;
      if (!file || file.size === 0) return gagal('Pilih berkas CSV terlebih dahulu.');
      let text: string;
      try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(file.buffer);
      } catch {
        return gagal('Berkas bukan teks UTF-8. Di Excel pilih "Simpan sebagai" → "CSV UTF-8".');
      }
      const hasil = await tujuan.imporTujuan(req.user!, parsed.data.unitId, parsed.data.tahun, text, auditContext(req));
      if (!hasil.ok) return renderIndex(req, res, 422, { hasilImpor: hasil, namaBerkas: file.originalname });
      req.flash('success', `Impor ${file.originalname}: ${hasil.dibuat} tujuan ditambahkan, ${hasil.diubah} diubah, ${hasil.tetap} tetap.`);
      res.redirect(303, `/skp/tujuan-opd?unit=${parsed.data.unitId}&tahun=${parsed.data.tahun}`);
    },
  };
}
