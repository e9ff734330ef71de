import type { Request, Response } from 'express';
import type { Env } from '../../config/env.ts';
import { DI_BAWAH_BAIK, uraianBatas } from '../../domain/kurva.ts';
import { namaBulan, todayIn } from '../../domain/periode.ts';
import { LABEL_EKSPEKTASI } from '../../domain/predikat.ts';
import { LABEL_BERAKHLAK, LABEL_JENIS_RHK, LABEL_PREDIKAT_ORGANISASI, labelPeriode, type PeriodeEvaluasi } from '../../domain/skp.ts';
import { fieldErrorsOf } from '../../lib/field-error.ts';
import { fieldErrors, typedValues } from '../../lib/form.ts';
import { idParam } from '../../lib/id-param.ts';
import { auditContext } from '../../services/audit.service.ts';
import { timezone } from '../../services/settings.service.ts';
import { dokumenEvaluasiPdf } from './dokumen-evaluasi.ts';
import { evaluasiSchema, periodeParam, qsPeriode } from './evaluasi.schema.ts';
import { daftarDinilai, dokumenEvaluasi, evaluasiMilik, formEvaluasi, simpanEvaluasi, type Waktu } from './evaluasi.service.ts';

const labels = { LABEL_EKSPEKTASI, LABEL_BERAKHLAK, LABEL_JENIS_RHK, LABEL_PREDIKAT_ORGANISASI, DI_BAWAH_BAIK, uraianBatas, qsPeriode };
const judul = (p: PeriodeEvaluasi) => labelPeriode(p, namaBulan);

/** Evaluasi kinerja periodik (issue 19): the pegawai's own ratings, the rater's list and form, the Dokumen Evaluasi PDF. */
export function evaluasiController(env: Env) {
  const waktu = async (req: Request): Promise<Waktu> => ({ now: req.now, tz: await timezone(env.APP_TIMEZONE) });
  const periode = (req: Request, w: Waktu) => periodeParam(req.query as Record<string, unknown>, todayIn(w.tz, w.now));

  async function renderForm(
    req: Request,
    res: Response,
    status: number,
    values?: Record<string, string>,
    errors: Record<string, string> = {},
  ) {
    const w = await waktu(req);
    const p = periode(req, w);
    const data = await formEvaluasi(req.user!, idParam(req.params.id), p, w);
    const e = data.evaluasi;
    res.status(status).render('skp/evaluasi/form', {
      title: `Evaluasi Kinerja ${judul(p)}`,
      judulPeriode: judul(p),
      ...data,
      values: values ?? {
        hasilKerja: e?.hasilKerja ?? '',
        perilakuKerja: e?.perilakuKerja ?? '',
        catatan: e?.catatan ?? '',
        versi: String(e?.versi ?? 0),
      },
      errors,
      zona: w.tz,
      ...labels,
    });
  }

  return {
    /** GET /evaluasi — one's own ratings of the year; whom one rates for the period, with their state. */
    async index(req: Request, res: Response): Promise<void> {
      const w = await waktu(req);
      const today = todayIn(w.tz, w.now);
      const p = periode(req, w);
      const [milik, dinilai] = await Promise.all([evaluasiMilik(req.user!.id, p.tahun), daftarDinilai(req.user!, p, today)]);
      res.render('skp/evaluasi/index', { title: 'Evaluasi Kinerja', periode: p, judulPeriode: judul(p), milik, dinilai, today, ...labels });
    },

    /** GET /evaluasi/pegawai/:id — the form for whoever rates the period; read-only for the pegawai and other readers. */
    form: (req: Request, res: Response) => renderForm(req, res, 200),

    /** POST /evaluasi/pegawai/:id */
    async simpan(req: Request, res: Response): Promise<void> {
      const id = idParam(req.params.id);
      const parsed = evaluasiSchema.safeParse(req.body ?? {});
      if (!parsed.success) return renderForm(req, res, 422, typedValues(req.body), fieldErrors(parsed.error));
      const w = await waktu(req);
      const p = periode(req, w);
      try {
        const r = await simpanEvaluasi(req.user!, id, p, parsed.data, w, auditContext(req));
        req.flash(
          r.melanggarKurva ? 'warning' : 'success',
          `Evaluasi ${judul(p)} tersimpan: predikat ${r.predikat}.${r.melanggarKurva ? ' Disimpan walaupun melampaui kurva distribusi OPD.' : ''}`,
        );
      } catch (err) {
        const fields = fieldErrorsOf(err);
        if (fields) return renderForm(req, res, 422, typedValues(req.body), fields);
        throw err;
      }
      res.redirect(303, `/evaluasi?${qsPeriode(p)}`);
    },

    /** GET /evaluasi/pegawai/:id/dokumen.pdf — Dokumen Evaluasi Kinerja (same readers as the page). */
    async dokumen(req: Request, res: Response): Promise<void> {
      const w = await waktu(req);
      const p = periode(req, w);
      const data = await dokumenEvaluasi(req.user!, idParam(req.params.id), p, w);
      res
        .type('application/pdf')
        .attachment(
          `evaluasi-kinerja-${data.pegawai.nip}-${p.tahun}${p.bulan === null ? '-tahunan' : `-${String(p.bulan).padStart(2, '0')}`}.pdf`,
        )
        .send(await dokumenEvaluasiPdf(data));
    },

    /** GET /predikat — the triwulan pages became the monthly evaluation. */
    predikat(_req: Request, res: Response): void {
      res.redirect(301, '/evaluasi');
    },
  };
}
