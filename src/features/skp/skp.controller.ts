import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import type { Env } from '../../config/env.ts';
import { todayIn } from '../../domain/periode.ts';
import { BERAKHLAK } from '../../domain/skp.ts';
import { ForbiddenError } from '../../lib/errors.ts';
import { fieldErrorsOf } from '../../lib/field-error.ts';
import { fieldErrors, typedValues } from '../../lib/form.ts';
import { idParam } from '../../lib/id-param.ts';
import { auditContext } from '../../services/audit.service.ts';
import { timezone } from '../../services/settings.service.ts';
import { bolehMenilai, bolehSusun } from './skp.policy.ts';
import {
  buatSkpSchema,
  kembalikanSkpSchema,
  lampiranSchema,
  type PerilakuInput,
  perilakuSchema,
  rhkSchema,
  setujuiSkpSchema,
} from './skp.schema.ts';
import * as skp from './skp.service.ts';

/** SKP pages (issue 19): parse → authorize (skp.service through akses.service) → one service call → render. */
export function skpController(env: Env) {
  const today = async (req: Request) => todayIn(await timezone(env.APP_TIMEZONE), req.now);
  const who = (req: Request) => auditContext(req);
  const tahunDari = (q: unknown, hariIni: string) => {
    const n = Number(q);
    const ini = Number(hariIni.slice(0, 4));
    return Number.isInteger(n) && n >= 2000 && n <= ini + 1 ? n : ini;
  };

  const renderShow = async (req: Request, res: Response, status: number, extra: Record<string, unknown> = {}) => {
    const { skp: s, akses } = await skp.detailSkp(req.user!, idParam(req.params.id), await today(req));
    res.status(status).render('skp/show', {
      title: `SKP ${s.pegawai.nama} ${s.tahun}`,
      s,
      akses,
      bolehSusun: bolehSusun(akses),
      bolehMenilai: bolehMenilai(akses),
      ...extra,
    });
  };

  const renderRhk = async (
    req: Request,
    res: Response,
    status: number,
    values: Record<string, unknown>,
    errors: Record<string, string>,
  ) => {
    const { skp: s, pilihan } = await skp.formRhk(req.user!, idParam(req.params.id), await today(req));
    const rid = req.params.rid ? idParam(req.params.rid) : null;
    res.status(status).render('skp/rhk-form', { title: rid ? 'Ubah RHK' : 'Tambah RHK', s, pilihan, rid, values, errors });
  };

  /** Runs a save whose service may refuse a field (422, the form kept). */
  const simpanRhk = async (req: Request, res: Response, rid: number | null) => {
    const id = idParam(req.params.id);
    const parsed = rhkSchema.safeParse(req.body ?? {});
    const hasil = parsed.success
      ? await skp.simpanRhk(req.user!, id, rid, parsed.data, await today(req), who(req))
      : { ok: false as const, errors: fieldErrors(parsed.error) };
    if (!hasil.ok) return renderRhk(req, res, 422, typedValues(req.body), hasil.errors);
    req.flash('success', rid ? 'RHK diubah.' : 'RHK ditambahkan.');
    res.redirect(303, `/skp/${id}#rhk-${hasil.id}`);
  };

  return {
    /** GET /skp?tahun= — the reader's SKP of the year and those of the pegawai they rate. */
    async index(req: Request, res: Response) {
      const hariIni = await today(req);
      const tahun = tahunDari(req.query.tahun, hariIni);
      const data = await skp.halamanSkp(req.user!, tahun, hariIni);
      res.render('skp/index', { title: 'SKP', tahun, thisYear: Number(hariIni.slice(0, 4)), idempotencyKey: randomUUID(), ...data });
    },

    /** POST /skp/buat — "Buat SKP" for the stretch of the current jabatan in the year (idempotent). */
    async buat(req: Request, res: Response) {
      const parsed = buatSkpSchema.safeParse(req.body ?? {});
      const hariIni = await today(req);
      if (!parsed.success) {
        const tahun = tahunDari(req.body?.tahun, hariIni);
        const data = await skp.halamanSkp(req.user!, tahun, hariIni);
        return res.status(422).render('skp/index', {
          title: 'SKP',
          tahun,
          thisYear: Number(hariIni.slice(0, 4)),
          idempotencyKey: randomUUID(),
          errorBuat: Object.values(fieldErrors(parsed.error))[0],
          ...data,
        });
      }
      try {
        const id = await skp.buatSkp(req.user!, parsed.data.tahun, parsed.data.idempotencyKey, hariIni, who(req));
        res.redirect(303, `/skp/${id}`);
      } catch (e) {
        const f = fieldErrorsOf(e);
        if (!f) throw e;
        const data = await skp.halamanSkp(req.user!, parsed.data.tahun, hariIni);
        res.status(422).render('skp/index', {
          title: 'SKP',
          tahun: parsed.data.tahun,
          thisYear: Number(hariIni.slice(0, 4)),
          idempotencyKey: randomUUID(),
          errorBuat: Object.values(f)[0],
          ...data,
        });
      }
    },

    /** GET /skp/:id — the SKP document on screen, with the actions the reader may take. */
    show: (req: Request, res: Response) => renderShow(req, res, 200),

    formRhkBaru: (req: Request, res: Response) => renderRhk(req, res, 200, { jenis: 'UTAMA', idempotencyKey: randomUUID() }, {}),
    simpanRhkBaru: (req: Request, res: Response) => simpanRhk(req, res, null),

    async formRhkUbah(req: Request, res: Response) {
      const r = await skp.rhkUntukUbah(idParam(req.params.id), idParam(req.params.rid));
      const values: Record<string, unknown> = {
        jenis: r.jenis,
        uraian: r.uraian,
        intervensi: r.rhkAtasanId ? `rhk:${r.rhkAtasanId}` : r.tujuanOpdId ? `tujuan:${r.tujuanOpdId}` : '',
      };
      for (const i of r.indikator) {
        values[`iki_${i.aspek}`] = i.iki;
        values[`angka_${i.aspek}`] = i.targetAngka === null ? '' : String(i.targetAngka).replace('.', ',');
        values[`satuan_${i.aspek}`] = i.satuan ?? '';
        values[`teks_${i.aspek}`] = i.targetTeks ?? '';
      }
      await renderRhk(req, res, 200, values, {});
    },
    ubahRhk: (req: Request, res: Response) => simpanRhk(req, res, idParam(req.params.rid)),

    async hapusRhk(req: Request, res: Response) {
      const id = idParam(req.params.id);
      await skp.hapusRhk(req.user!, id, idParam(req.params.rid), await today(req), who(req));
      req.flash('success', 'RHK dihapus.');
      res.redirect(303, `/skp/${id}`);
    },

    async formLampiran(req: Request, res: Response) {
      const { skp: s, akses } = await skp.detailSkp(req.user!, idParam(req.params.id), await today(req));
      if (!bolehSusun(akses)) throw new ForbiddenError('Hanya pegawai pemilik SKP yang dapat menyusun Lampiran SKP.');
      res.render('skp/lampiran', { title: 'Lampiran SKP', s, values: s, errors: {} });
    },

    async simpanLampiran(req: Request, res: Response) {
      const id = idParam(req.params.id);
      const parsed = lampiranSchema.safeParse(req.body ?? {});
      if (!parsed.success) {
        const { skp: s, akses } = await skp.detailSkp(req.user!, id, await today(req));
        if (!bolehSusun(akses)) throw new ForbiddenError('Hanya pegawai pemilik SKP yang dapat menyusun Lampiran SKP.');
        return res
          .status(422)
          .render('skp/lampiran', { title: 'Lampiran SKP', s, values: typedValues(req.body), errors: fieldErrors(parsed.error) });
      }
      await skp.simpanLampiran(req.user!, id, parsed.data, await today(req), who(req));
      req.flash('success', 'Lampiran SKP disimpan.');
      res.redirect(303, `/skp/${id}#lampiran`);
    },

    async formEkspektasi(req: Request, res: Response) {
      const { skp: s, akses } = await skp.detailSkp(req.user!, idParam(req.params.id), await today(req));
      if (!bolehMenilai(akses))
        throw new ForbiddenError('Hanya atasan langsung (atau Plt/Plh-nya) yang menulis ekspektasi khusus pimpinan.');
      const values = Object.fromEntries(BERAKHLAK.map((n) => [n, s.perilaku.find((p) => p.nilai === n)?.ekspektasiKhusus ?? '']));
      res.render('skp/ekspektasi', { title: 'Ekspektasi Khusus Pimpinan', s, values, errors: {} });
    },

    async simpanEkspektasi(req: Request, res: Response) {
      const id = idParam(req.params.id);
      const parsed = perilakuSchema.safeParse(req.body ?? {});
      if (!parsed.success) {
        const { skp: s, akses } = await skp.detailSkp(req.user!, id, await today(req));
        if (!bolehMenilai(akses))
          throw new ForbiddenError('Hanya atasan langsung (atau Plt/Plh-nya) yang menulis ekspektasi khusus pimpinan.');
        const errors = fieldErrors(parsed.error);
        return res.status(422).render('skp/ekspektasi', { title: 'Ekspektasi Khusus Pimpinan', s, values: typedValues(req.body), errors });
      }
      await skp.simpanPerilaku(req.user!, id, parsed.data as PerilakuInput, await today(req), who(req));
      req.flash('success', 'Ekspektasi khusus pimpinan disimpan.');
      res.redirect(303, `/skp/${id}#perilaku`);
    },

    async ajukan(req: Request, res: Response) {
      const id = idParam(req.params.id);
      const hasil = await skp.ajukanSkp(req.user!, id, await today(req), who(req));
      if (!hasil.ok) return renderShow(req, res, 422, { errorAjukan: hasil.pesan });
      req.flash('success', hasil.diajukan ? 'SKP diajukan kepada atasan untuk disetujui.' : 'SKP ini sudah diajukan atau sudah disetujui.');
      res.redirect(303, `/skp/${id}`);
    },

    async setujui(req: Request, res: Response) {
      const id = idParam(req.params.id);
      const parsed = setujuiSkpSchema.safeParse(req.body ?? {});
      if (!parsed.success) return renderShow(req, res, 422, { errorKeputusan: fieldErrors(parsed.error).versi });
      await skp.putuskanSkp(req.user!, id, { setujui: true }, parsed.data.versi, { now: req.now, today: await today(req) }, who(req));
      req.flash('success', 'SKP disetujui.');
      res.redirect(303, kembaliKe(req, id));
    },

    async formKembalikan(req: Request, res: Response) {
      const { skp: s, akses } = await skp.detailSkp(req.user!, idParam(req.params.id), await today(req));
      if (!bolehMenilai(akses)) throw new ForbiddenError('Hanya atasan langsung (atau Plt/Plh-nya) yang dapat mengembalikan SKP.');
      res.render('skp/kembalikan', { title: 'Kembalikan SKP', s, values: { versi: String(s.versi) }, errors: {} });
    },

    async kembalikan(req: Request, res: Response) {
      const id = idParam(req.params.id);
      const parsed = kembalikanSkpSchema.safeParse(req.body ?? {});
      if (!parsed.success) {
        const { skp: s, akses } = await skp.detailSkp(req.user!, id, await today(req));
        if (!bolehMenilai(akses)) throw new ForbiddenError('Hanya atasan langsung (atau Plt/Plh-nya) yang dapat mengembalikan SKP.');
        return res.status(422).render('skp/kembalikan', {
          title: 'Kembalikan SKP',
          s,
          values: { versi: String(s.versi), ...typedValues(req.body) },
          errors: fieldErrors(parsed.error),
        });
      }
      const keputusan = { setujui: false as const, catatan: parsed.data.catatan };
      await skp.putuskanSkp(req.user!, id, keputusan, parsed.data.versi, { now: req.now, today: await today(req) }, who(req));
      req.flash('success', 'SKP dikembalikan kepada pegawai dengan catatan.');
      res.redirect(303, '/persetujuan-target');
    },
  };
}

/** After a decision: back to Persetujuan Target when it was taken there, else to the SKP. */
const kembaliKe = (req: Request, id: number) => (req.body?.dari === 'persetujuan' ? '/persetujuan-target' : `/skp/${id}`);
