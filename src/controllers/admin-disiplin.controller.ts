import type { Request, Response } from 'express';
import { formatTanggal } from '../domain/periode.ts';
import { NotFoundError } from '../lib/errors.ts';
import { fieldErrorsOf } from '../lib/field-error.ts';
import { fieldErrors, typedValues } from '../lib/form.ts';
import { idParam } from '../lib/id-param.ts';
import { getPegawai } from '../services/admin-pegawai.service.ts';
import { auditContext } from '../services/audit.service.ts';
import { catatHukdis, catatPenundaan, daftarDisiplin, hapusHukdis, lepasPenundaan } from '../services/disiplin.service.ts';
import { hukdisSchema, lepasSchema, penundaanSchema } from '../validation/disiplin.schema.ts';

// Admin: a pegawai's hukuman disiplin and penundaan of TPP (issue 22), on one page with a form for each.

type Forms = { hukdis?: Record<string, string>; penundaan?: Record<string, string>; lepas?: Record<string, string> };

async function render(req: Request, res: Response, status: number, values: Forms = {}, errors: Forms = {}) {
  const id = idParam(req.params.id);
  const pegawai = await getPegawai(id);
  if (!pegawai) throw new NotFoundError();
  res.status(status).render('admin/pegawai/disiplin', {
    title: `Hukuman disiplin dan penundaan TPP — ${pegawai.nama}`,
    pegawai,
    ...(await daftarDisiplin(id)),
    values: { hukdis: { peraturan: 'PP 94/2021', ...values.hukdis }, penundaan: values.penundaan ?? {}, lepas: values.lepas ?? {} },
    errors: { hukdis: errors.hukdis ?? {}, penundaan: errors.penundaan ?? {}, lepas: errors.lepas ?? {} },
  });
}

export const index = (req: Request, res: Response) => render(req, res, 200);
const back = (req: Request, res: Response, pesan: string) => {
  req.flash('success', pesan);
  res.redirect(303, `/admin/pegawai/${idParam(req.params.id)}/disiplin`);
};

/** Runs a save; its field errors come back on its own form (422), everything typed kept. */
async function attempt(req: Request, res: Response, form: keyof Forms, run: () => Promise<unknown>): Promise<boolean> {
  try {
    await run();
    return true;
  } catch (err) {
    const fields = fieldErrorsOf(err);
    if (!fields) throw err;
    await render(req, res, 422, { [form]: typedValues(req.body) }, { [form]: fields });
    return false;
  }
}

export async function simpanHukdis(req: Request, res: Response): Promise<void> {
  const parsed = hukdisSchema.safeParse(req.body ?? {});
  if (!parsed.success) return render(req, res, 422, { hukdis: typedValues(req.body) }, { hukdis: fieldErrors(parsed.error) });
  if (!(await getPegawai(idParam(req.params.id)))) throw new NotFoundError();
  if (await attempt(req, res, 'hukdis', () => catatHukdis(idParam(req.params.id), parsed.data, auditContext(req))))
    back(req, res, `Hukuman disiplin ${parsed.data.jenis} tercatat.`);
}

export async function hapus(req: Request, res: Response): Promise<void> {
  const ok = await hapusHukdis(idParam(req.params.id), idParam(req.params.hid), auditContext(req));
  if (!ok) throw new NotFoundError();
  back(req, res, 'Hukuman disiplin dihapus.');
}

export async function simpanPenundaan(req: Request, res: Response): Promise<void> {
  const parsed = penundaanSchema.safeParse(req.body ?? {});
  if (!parsed.success) return render(req, res, 422, { penundaan: typedValues(req.body) }, { penundaan: fieldErrors(parsed.error) });
  if (!(await getPegawai(idParam(req.params.id)))) throw new NotFoundError();
  if (await attempt(req, res, 'penundaan', () => catatPenundaan(idParam(req.params.id), parsed.data, auditContext(req))))
    back(req, res, 'Penundaan TPP tercatat.');
}

export async function lepas(req: Request, res: Response): Promise<void> {
  const parsed = lepasSchema.safeParse(req.body ?? {});
  if (!parsed.success) return render(req, res, 422, { lepas: typedValues(req.body) }, { lepas: fieldErrors(parsed.error) });
  let hasil: 'ok' | 'tidak-ada' = 'tidak-ada';
  const ok = await attempt(req, res, 'lepas', async () => {
    hasil = await lepasPenundaan(idParam(req.params.id), idParam(req.params.tid), parsed.data.dilepas, auditContext(req));
  });
  if (!ok) return;
  if (hasil === 'tidak-ada') throw new NotFoundError();
  back(req, res, `Penundaan dilepas pada ${formatTanggal(parsed.data.dilepas)}.`);
}
