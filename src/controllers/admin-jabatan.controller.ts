import type { Request, Response } from 'express';
import { JENIS_JABATAN, JENIS_JABATAN_LABEL } from '../domain/kepegawaian.ts';
import { NotFoundError } from '../lib/errors.ts';
import { fieldErrorsOf } from '../lib/field-error.ts';
import { fieldErrors, typedValues } from '../lib/form.ts';
import { idParam, queryId } from '../lib/id-param.ts';
import { createJabatan, getJabatan, jabatanOptions, listJabatan, updateJabatan } from '../services/admin-jabatan.service.ts';
import { unitTree } from '../services/admin-unit-kerja.service.ts';
import { auditContext } from '../services/audit.service.ts';
import { jabatanSchema } from '../validation/admin-jabatan.schema.ts';

const jenisOptions = JENIS_JABATAN.map((j) => ({ value: j, label: JENIS_JABATAN_LABEL[j] }));

export async function index(req: Request, res: Response): Promise<void> {
  const unitId = queryId(req.query.unit);
  const q = String(req.query.q ?? '')
    .trim()
    .slice(0, 100);
  const [jabatan, units] = await Promise.all([listJabatan({ unitId, q }), unitTree()]);
  res.render('admin/jabatan/index', {
    title: 'Jabatan',
    jabatan,
    units,
    filter: { unit: unitId ?? '', q },
    jenisLabel: JENIS_JABATAN_LABEL,
  });
}

async function renderForm(
  res: Response,
  status: number,
  locals: { id?: number; values: Record<string, unknown>; errors?: Record<string, string> },
) {
  const [units, jabatan] = await Promise.all([unitTree(), jabatanOptions()]);
  res.status(status).render('admin/jabatan/form', {
    title: locals.id ? 'Ubah Jabatan' : 'Tambah Jabatan',
    errors: {},
    units: units.filter((u) => u.aktif),
    atasanOptions: jabatan.filter((j) => j.id !== locals.id),
    jenisOptions,
    ...locals,
  });
}

export async function newForm(req: Request, res: Response): Promise<void> {
  await renderForm(res, 200, { values: { unitId: String(req.query.unit ?? ''), kelas: '' } });
}

export async function editForm(req: Request, res: Response): Promise<void> {
  const j = await getJabatan(idParam(req.params.id));
  if (!j) throw new NotFoundError();
  await renderForm(res, 200, { id: j.id, values: { ...j, atasanJabatanId: j.atasanJabatanId ?? '' } });
}

export async function save(req: Request, res: Response): Promise<void> {
  const id = req.params.id ? idParam(req.params.id) : undefined;
  const values = typedValues(req.body);
  const parsed = jabatanSchema.safeParse(req.body ?? {});
  if (!parsed.success) return renderForm(res, 422, { id, values, errors: fieldErrors(parsed.error) });
  try {
    if (id) await updateJabatan(id, parsed.data, auditContext(req));
    else await createJabatan(parsed.data, auditContext(req));
  } catch (err) {
    const fields = fieldErrorsOf(err);
    if (fields) return renderForm(res, 422, { id, values, errors: fields });
    throw err;
  }
  req.flash('success', `Jabatan "${parsed.data.nama}" tersimpan.`);
  res.redirect(303, `/admin/jabatan?unit=${parsed.data.unitId}`);
}
