import type { Request, Response } from 'express';
import { fieldErrorsOf } from '../lib/field-error.ts';
import { fieldErrors, typedValues } from '../lib/form.ts';
import { idParam } from '../lib/id-param.ts';
import { auditContext } from '../services/audit.service.ts';
import { catatKetidakhadiran, daftarKetidakhadiran, hapusKetidakhadiran } from '../services/ketidakhadiran.service.ts';
import { LABEL_KETIDAKHADIRAN } from '../services/presensi.service.ts';
import { ketidakhadiranSchema } from '../validation/ketidakhadiran.schema.ts';

async function render(res: Response, status: number, values: Record<string, string>, errors: Record<string, string> = {}) {
  res.status(status).render('admin/ketidakhadiran', {
    title: 'Ketidakhadiran',
    daftar: await daftarKetidakhadiran(),
    label: LABEL_KETIDAKHADIRAN,
    values,
    errors,
  });
}

export const index = (_req: Request, res: Response) => render(res, 200, { jenis: 'IZIN' });

export async function save(req: Request, res: Response): Promise<void> {
  const values = typedValues(req.body);
  const parsed = ketidakhadiranSchema.safeParse(req.body ?? {});
  const errors = parsed.success ? {} : fieldErrors(parsed.error);
  if (req.uploadError) errors.dokumen = req.uploadError;
  if (!parsed.success || req.uploadError) return render(res, 422, values, errors);
  try {
    const dokumen = req.bukti ? { nama: req.bukti.namaFile, data: req.bukti.data } : null;
    await catatKetidakhadiran(parsed.data, dokumen, auditContext(req));
  } catch (err) {
    const fields = fieldErrorsOf(err);
    if (fields) return render(res, 422, values, fields);
    throw err;
  }
  req.flash('success', `Ketidakhadiran NIP ${parsed.data.nip} ${parsed.data.mulai} s.d. ${parsed.data.selesai} tercatat.`);
  res.redirect(303, '/admin/ketidakhadiran');
}

export async function remove(req: Request, res: Response): Promise<void> {
  const ok = await hapusKetidakhadiran(idParam(req.params.id), auditContext(req));
  req.flash(ok ? 'success' : 'danger', ok ? 'Ketidakhadiran dihapus.' : 'Data tidak ditemukan.');
  res.redirect(303, '/admin/ketidakhadiran');
}
