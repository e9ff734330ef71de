import type { Request, Response } from 'express';
import {
  BULAN_TAMBAHAN,
  CONTOH_ATURAN,
  KUNCI_SKP,
  LABEL_PEMICU,
  LABEL_SKP,
  NAMA_BAWAAN,
  PEMICU,
  type VersiAturan,
} from '../domain/aturan-tpp.ts';
import { bulanParam } from '../lib/bulan-param.ts';
import { NotFoundError } from '../lib/errors.ts';
import { fieldErrorsOf } from '../lib/field-error.ts';
import { type FieldErrors, fieldErrors, typedValues } from '../lib/form.ts';
import { idParam } from '../lib/id-param.ts';
import { aturanVersi, halamanAturan, simpanAturan } from '../services/aturan-tpp.service.ts';
import { auditContext } from '../services/audit.service.ts';
import { getSettings, timezone } from '../services/settings.service.ts';
import { aturanFormSchema, BARIS_POTONGAN, BARIS_TAMBAHAN, nilaiFormAturan } from '../validation/aturan-tpp.schema.ts';

// Admin: the TPP rule set of a year (issue 22): the version in force, its history, and a form that saves a new version
// (from the version in force, an older one, or a shipped example).

const pilihan = {
  pemicu: PEMICU.map((p) => ({ value: p, label: LABEL_PEMICU[p] })),
  skp: KUNCI_SKP.map((k) => ({ value: k, label: LABEL_SKP[k] })),
  bulan: BULAN_TAMBAHAN,
  contoh: CONTOH_ATURAN.map((c) => ({ kode: c.kode, nama: c.nama })),
  barisPotongan: BARIS_POTONGAN,
  barisTambahan: BARIS_TAMBAHAN,
};

export function adminAturanTppController(tz: string) {
  /** The year of the page: ?tahun=YYYY (2000–2100), else this year. */
  const tahunDari = async (req: Request) => {
    const t = Number(req.query.tahun);
    if (req.query.tahun !== undefined && !(Number.isInteger(t) && t >= 2000 && t <= 2100)) throw new NotFoundError('Tahun tidak valid.');
    return req.query.tahun === undefined ? bulanParam(undefined, await timezone(tz), req.now).tahun : t;
  };

  async function render(
    req: Request,
    res: Response,
    status: number,
    tahun: number,
    values?: Record<string, string>,
    errors: FieldErrors = {},
  ) {
    const settings = await getSettings();
    const { berlaku, riwayat } = await halamanAturan(tahun, settings);
    let awal: VersiAturan = berlaku;
    let sumber = berlaku.versi ? `versi ${berlaku.versi} yang berlaku` : NAMA_BAWAAN.toLowerCase();
    const contoh = CONTOH_ATURAN.find((c) => c.kode === req.query.contoh);
    if (contoh) {
      awal = { ...berlaku, nama: contoh.nama, dasarHukum: contoh.dasarHukum, isi: contoh.isi() };
      sumber = `contoh "${contoh.nama}"`;
    } else if (req.query.dari !== undefined) {
      const v = await aturanVersi(idParam(req.query.dari));
      if (!v || v.tahun !== tahun) throw new NotFoundError();
      awal = { ...berlaku, nama: v.nama, dasarHukum: v.dasarHukum, isi: v.isi };
      sumber = `versi ${v.versi}`;
    }
    res.status(status).render('admin/aturan-tpp', {
      title: `Aturan TPP ${tahun}`,
      tahun,
      berlaku,
      riwayat,
      sumber,
      values: values ?? { ...nilaiFormAturan(awal), dariVersi: String(berlaku.versi) },
      errors,
      pilihan,
      tz: await timezone(tz),
    });
  }

  return {
    async index(req: Request, res: Response): Promise<void> {
      await render(req, res, 200, await tahunDari(req));
    },

    /** GET /admin/aturan-tpp/versi/:id — one version as it was saved. */
    async versi(req: Request, res: Response): Promise<void> {
      const v = await aturanVersi(idParam(req.params.id));
      if (!v) throw new NotFoundError();
      res.render('admin/aturan-tpp-versi', {
        title: `Aturan TPP ${v.tahun} versi ${v.versi}`,
        v,
        pilihan,
        labelPemicu: LABEL_PEMICU,
        labelSkp: LABEL_SKP,
      });
    },

    async simpan(req: Request, res: Response): Promise<void> {
      const tahun = await tahunDari(req);
      const parsed = aturanFormSchema.safeParse(req.body ?? {});
      if (!parsed.success) return render(req, res, 422, tahun, typedValues(req.body), fieldErrors(parsed.error));
      let hasil: { versi: number; baru: boolean };
      try {
        hasil = await simpanAturan(tahun, parsed.data, parsed.data.dariVersi, await getSettings(), auditContext(req));
      } catch (err) {
        const fields = fieldErrorsOf(err);
        if (!fields) throw err;
        return render(req, res, 422, tahun, typedValues(req.body), fields);
      }
      req.flash(
        'success',
        hasil.baru
          ? `Aturan TPP ${tahun} versi ${hasil.versi} tersimpan dan berlaku. TPP bulan-bulan tahun ini yang belum ditetapkan dihitung ulang.`
          : `Aturan TPP ${tahun} versi ${hasil.versi} sudah tersimpan.`,
      );
      res.redirect(303, `/admin/aturan-tpp?tahun=${tahun}`);
    },
  };
}
