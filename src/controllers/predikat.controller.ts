import type { Request, Response } from 'express';
import { LABEL_EKSPEKTASI, LABEL_PERIODE, PERIODE_PREDIKAT, type PeriodePredikat } from '../domain/predikat.ts';
import { bulanParam } from '../lib/bulan-param.ts';
import { fieldErrors, typedValues } from '../lib/form.ts';
import { idParam } from '../lib/id-param.ts';
import { auditContext } from '../services/audit.service.ts';
import { bawahanUntukDinilai, daftarPenilaian, predikatPegawai, simpanPredikat } from '../services/predikat.service.ts';
import { timezone } from '../services/settings.service.ts';
import { predikatSchema } from '../validation/predikat.schema.ts';

const periodeDari = (v: unknown, bulan: number): PeriodePredikat =>
  (PERIODE_PREDIKAT as readonly string[]).includes(String(v)) ? (v as PeriodePredikat) : (`TW${Math.ceil(bulan / 3)}` as PeriodePredikat);

export function predikatController(tz: string) {
  const waktu = async (req: Request) => {
    const { tahun, bulan } = bulanParam(undefined, await timezone(tz), req.now);
    const t = Number(req.query.tahun ?? req.body?.tahun);
    return {
      tahun: Number.isInteger(t) && t >= 2000 && t <= 2100 ? t : tahun,
      periode: periodeDari(req.query.periode ?? req.body?.periode, bulan),
    };
  };
  const labels = { LABEL_EKSPEKTASI, LABEL_PERIODE, PERIODE_PREDIKAT };
  const renderForm = async (
    req: Request,
    res: Response,
    status: number,
    values: Record<string, string>,
    errors: Record<string, string> = {},
  ) => {
    const { tahun, periode } = await waktu(req);
    const data = await bawahanUntukDinilai(req.user!, idParam(req.params.id), tahun, periode);
    res.status(status).render('predikat/form', { title: 'Penilaian Predikat Kinerja', ...data, tahun, periode, values, errors, ...labels });
  };
  return {
    async index(req: Request, res: Response): Promise<void> {
      const { tahun, periode } = await waktu(req);
      const [milik, bawahan] = await Promise.all([predikatPegawai(req.user!.id, tahun), daftarPenilaian(req.user!.id, tahun, periode)]);
      res.render('predikat/index', { title: 'Predikat Kinerja', tahun, periode, milik, bawahan, ...labels });
    },
    async form(req: Request, res: Response): Promise<void> {
      const { tahun, periode } = await waktu(req);
      const ada = (await bawahanUntukDinilai(req.user!, idParam(req.params.id), tahun, periode)).ada;
      await renderForm(req, res, 200, {
        tahun: String(tahun),
        periode,
        hasilKerja: ada?.hasilKerja ?? '',
        perilakuKerja: ada?.perilakuKerja ?? '',
        catatan: ada?.catatan ?? '',
      });
    },
    async save(req: Request, res: Response): Promise<void> {
      const id = idParam(req.params.id);
      const parsed = predikatSchema.safeParse(req.body ?? {});
      if (!parsed.success) return renderForm(req, res, 422, typedValues(req.body), fieldErrors(parsed.error));
      await bawahanUntukDinilai(req.user!, id, parsed.data.tahun, parsed.data.periode); // scope: direct atasan only
      const predikat = await simpanPredikat({ pegawaiId: id, ...parsed.data }, req.user!.id, auditContext(req));
      req.flash('success', `Predikat ${LABEL_PERIODE[parsed.data.periode]} ${parsed.data.tahun} tersimpan: ${predikat}.`);
      res.redirect(303, `/predikat?tahun=${parsed.data.tahun}&periode=${parsed.data.periode}`);
    },
  };
}
