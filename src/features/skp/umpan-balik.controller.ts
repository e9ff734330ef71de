import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import type { Env } from '../../config/env.ts';
import { todayIn } from '../../domain/periode.ts';
import { BERAKHLAK, LABEL_BERAKHLAK, LABEL_JENIS_RHK } from '../../domain/skp.ts';
import { FieldError } from '../../lib/field-error.ts';
import { fieldErrors, typedValues } from '../../lib/form.ts';
import { idParam } from '../../lib/id-param.ts';
import { auditContext } from '../../services/audit.service.ts';
import { timezone } from '../../services/settings.service.ts';
import { wajibMenilai } from './akses.service.ts';
import { bolehMenjawab, bolehMenulis } from './umpan-balik.policy.ts';
import { jawabanSchema, tahunSchema, umpanBalikSchema } from './umpan-balik.schema.ts';
import * as umpanBalik from './umpan-balik.service.ts';

const helpers = { BERAKHLAK, LABEL_BERAKHLAK, LABEL_JENIS_RHK, bolehMenulis, bolehMenjawab, kunciBaru: () => randomUUID() };

/** Umpan Balik (issue 19 §2): one's own history, a bawahan's history with the form, and the answers under a feedback. */
export function umpanBalikController(env: Env) {
  const waktu = async (req: Request): Promise<umpanBalik.Waktu> => {
    const tz = await timezone(env.APP_TIMEZONE);
    return { now: req.now, today: todayIn(tz, req.now), tz };
  };
  const halaman = (pegawaiId: number, diri: boolean, tahun: number) =>
    `${diri ? '/skp/umpan-balik' : `/skp/umpan-balik/pegawai/${pegawaiId}`}?tahun=${tahun}`;

  /** The history page of `pegawaiId` (404 out of reach), with a form's errors when a POST was refused. */
  async function tampil(req: Request, res: Response, pegawaiId: number, status = 200, form: object = {}) {
    const w = await waktu(req);
    const parsed = tahunSchema.safeParse(req.query);
    const tahunIni = Number(w.today.slice(0, 4));
    const tahun = (parsed.success && parsed.data.tahun) || tahunIni;
    const data = await umpanBalik.riwayatUmpanBalik(req.user!, pegawaiId, tahun, w);
    res.status(parsed.success ? status : 422).render('skp/umpan-balik/index', {
      title: data.akses.diri ? 'Umpan Balik' : `Umpan Balik · ${data.pegawai.nama}`,
      ...helpers,
      ...data,
      tz: w.tz,
      tahunIni,
      tahunError: parsed.success ? null : fieldErrors(parsed.error).tahun,
      values: { idempotencyKey: randomUUID() },
      errors: {},
      jawaban: null,
      ...form,
    });
  }

  return {
    /** GET /skp/umpan-balik?tahun= — the pegawai's own history. */
    async milikSaya(req: Request, res: Response) {
      await tampil(req, res, req.user!.id);
    },

    /** GET /skp/umpan-balik/pegawai/:id?tahun= — a bawahan's history (atasan, Plt/Plh; pimpinan read only). */
    async pegawai(req: Request, res: Response) {
      const id = idParam(req.params.id);
      if (id === req.user!.id)
        return res.redirect(303, `/skp/umpan-balik${req.url.includes('?') ? req.url.slice(req.url.indexOf('?')) : ''}`);
      await tampil(req, res, id);
    },

    /** POST /skp/umpan-balik/pegawai/:id — a new feedback (dated now). */
    async tulis(req: Request, res: Response) {
      const id = idParam(req.params.id);
      const w = await waktu(req);
      const parsed = umpanBalikSchema.safeParse(req.body ?? {});
      const ulang = (errors: Record<string, string>) => tampil(req, res, id, 422, { values: typedValues(req.body), errors });
      if (!parsed.success) {
        await wajibMenilai(req.user!, id, w.today, w.today); // out of reach 404 / not theirs 403 before any message
        return ulang(fieldErrors(parsed.error));
      }
      let t: umpanBalik.Tertulis;
      try {
        t = await umpanBalik.tulisUmpanBalik(req.user!, id, parsed.data, w, auditContext(req));
      } catch (e) {
        if (e instanceof FieldError) return ulang(e.fields);
        throw e;
      }
      req.flash('success', t.baru ? 'Umpan balik terkirim kepada pegawai.' : 'Umpan balik ini sudah terkirim sebelumnya.');
      res.redirect(303, `${halaman(id, false, Number(w.today.slice(0, 4)))}#ub-${t.id}`);
    },

    /** POST /skp/umpan-balik/:id/jawab — an answer under a feedback. */
    async jawab(req: Request, res: Response) {
      const indukId = idParam(req.params.id);
      const w = await waktu(req);
      const parsed = jawabanSchema.safeParse(req.body ?? {});
      if (!parsed.success) {
        const pegawaiId = await umpanBalik.pegawaiUntukJawaban(req.user!, indukId, w);
        return tampil(req, res, pegawaiId, 422, {
          jawaban: { indukId, values: typedValues(req.body), errors: fieldErrors(parsed.error) },
        });
      }
      const t = await umpanBalik.jawab(req.user!, indukId, parsed.data, w, auditContext(req));
      req.flash('success', t.baru ? 'Jawaban terkirim.' : 'Jawaban ini sudah terkirim sebelumnya.');
      res.redirect(303, `${halaman(t.pegawaiId, t.pegawaiId === req.user!.id, t.tahun ?? Number(w.today.slice(0, 4)))}#ub-${indukId}`);
    },
  };
}
