import type { Request, Response } from 'express';
import { NotFoundError } from '../lib/errors.ts';
import { fieldErrorsOf } from '../lib/field-error.ts';
import { fieldErrors, typedValues } from '../lib/form.ts';
import { idParam } from '../lib/id-param.ts';
import { createUnit, getUnit, setUnitAktif, unitTree, updateUnit } from '../services/admin-unit-kerja.service.ts';
import { auditContext } from '../services/audit.service.ts';
import { unitKerjaSchema } from '../validation/admin-unit-kerja.schema.ts';

export async function index(_req: Request, res: Response): Promise<void> {
  res.render('admin/unit-kerja/index', { title: 'Unit Kerja', units: await unitTree() });
}

async function renderForm(
  res: Response,
  status: number,
  locals: { id?: number; values: Record<string, unknown>; errors?: Record<string, string> },
) {
  const units = (await unitTree()).filter((u) => u.aktif || u.id === Number(locals.values.indukId));
  res
    .status(status)
    .render('admin/unit-kerja/form', { title: locals.id ? 'Ubah Unit Kerja' : 'Tambah Unit Kerja', errors: {}, units, ...locals });
}

export async function newForm(req: Request, res: Response): Promise<void> {
  await renderForm(res, 200, { values: { indukId: String(req.query.induk ?? '') } });
}

export async function editForm(req: Request, res: Response): Promise<void> {
  const unit = await getUnit(idParam(req.params.id));
  if (!unit) throw new NotFoundError();
  await renderForm(res, 200, { id: unit.id, values: { ...unit, indukId: unit.indukId ?? '', singkatan: unit.singkatan ?? '' } });
}

export async function save(req: Request, res: Response): Promise<void> {
  const id = req.params.id ? idParam(req.params.id) : undefined;
  const values = typedValues(req.body);
  const parsed = unitKerjaSchema.safeParse(req.body ?? {});
  if (!parsed.success) return renderForm(res, 422, { id, values, errors: fieldErrors(parsed.error) });
  try {
    if (id) await updateUnit(id, parsed.data, auditContext(req));
    else await createUnit(parsed.data, auditContext(req));
  } catch (err) {
    const fields = fieldErrorsOf(err);
    if (fields) return renderForm(res, 422, { id, values, errors: fields });
    throw err;
  }
  req.flash('success', `Unit kerja "${parsed.data.nama}" tersimpan.`);
  res.redirect(303, '/admin/unit-kerja');
}

export function setAktif(aktif: boolean) {
  return async (req: Request, res: Response): Promise<void> => {
    const result = await setUnitAktif(idParam(req.params.id), aktif, auditContext(req));
    if (result.ok) req.flash('success', aktif ? 'Unit kerja diaktifkan kembali.' : 'Unit kerja dinonaktifkan. Riwayatnya tetap tersimpan.');
    else req.flash('danger', result.pesan);
    res.redirect(303, '/admin/unit-kerja');
  };
}
