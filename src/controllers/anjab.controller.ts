import type { Request, Response } from 'express';
import { bebanTugas, PJ_LABEL, parseCenti } from '../domain/abk.ts';
import { ANJAB_BAGIAN, butir, JENIS_JABATAN, JENIS_LABEL } from '../domain/anjab.ts';
import { formatTanggal } from '../domain/periode.ts';
import { bilangan, desimal, desimalInput, selisih } from '../lib/angka.ts';
import { anjabPdf, cachedPdf } from '../lib/anjab-pdf.ts';
import { fieldErrors, typedValues } from '../lib/form.ts';
import { idParam } from '../lib/id-param.ts';
import { canDeleteTugas, canEditAnjab } from '../policies/anjab.policy.ts';
import { currentStamp } from '../services/abk.service.ts';
import * as anjab from '../services/anjab.service.ts';
import { auditContext } from '../services/audit.service.ts';
import { anjabCariSchema, anjabSchema } from '../validation/anjab.schema.ts';

const helpers = {
  bebanTugas,
  parseCenti,
  ANJAB_BAGIAN,
  JENIS_JABATAN,
  JENIS_LABEL,
  PJ_LABEL,
  butir,
  desimal,
  desimalInput,
  bilangan,
  selisih,
  canEditAnjab,
  canDeleteTugas,
};

export async function index(req: Request, res: Response): Promise<void> {
  const { q } = anjabCariSchema.parse(req.query);
  const daftar = await anjab.daftarAnjab(req.user!, q);
  res.render('anjab/index', { ...helpers, title: 'Analisis Jabatan (Anjab)', q: q ?? '', ...daftar });
}

export async function show(req: Request, res: Response): Promise<void> {
  const dokumen = await anjab.anjabDokumen(idParam(req.params.id));
  res.render('anjab/show', { ...helpers, title: `Anjab ${dokumen.nama}`, d: dokumen });
}

export async function pdf(req: Request, res: Response): Promise<void> {
  const id = idParam(req.params.id);
  // Everything the PDF shows moves the ABK stamp (database triggers), and it prints the day's date: rendered once
  // per (jabatan, stamp, day), not on the event loop for every request.
  const stamp = await currentStamp();
  const body = await cachedPdf(`${id}|${stamp}|${formatTanggal(req.now)}`, stamp !== null, async () =>
    anjabPdf(await anjab.anjabDokumen(id), req.now),
  );
  res.type('application/pdf');
  res.setHeader('Content-Disposition', `inline; filename="anjab-${id}.pdf"`);
  res.send(body);
}

const renderForm = (
  res: Response,
  status: number,
  d: anjab.AnjabDokumen,
  values: Record<string, unknown>,
  errors: Record<string, string>,
) => res.status(status).render('anjab/edit', { ...helpers, title: `Ubah Anjab ${d.nama}`, d, values, errors });

export async function edit(req: Request, res: Response): Promise<void> {
  const d = await anjab.anjabDokumen(idParam(req.params.id));
  renderForm(res, 200, d, { nama: d.nama, kode: d.kode ?? '', jenis: d.jenis, kelas: String(d.kelas), ...d.bagian }, {});
}

export async function update(req: Request, res: Response): Promise<void> {
  const id = idParam(req.params.id);
  const parsed = anjabSchema.safeParse(req.body ?? {});
  if (!parsed.success) return void renderForm(res, 422, await anjab.anjabDokumen(id), typedValues(req.body), fieldErrors(parsed.error));
  try {
    const { changed } = await anjab.ubahAnjab(id, parsed.data, auditContext(req));
    req.flash(changed ? 'success' : 'info', changed ? 'Anjab berhasil disimpan.' : 'Tidak ada perubahan.');
  } catch (e) {
    if (!(e instanceof anjab.AnjabFieldError)) throw e;
    return void renderForm(res, 422, await anjab.anjabDokumen(id), typedValues(req.body), { [e.field]: e.message });
  }
  res.redirect(303, `/anjab/${id}`);
}
