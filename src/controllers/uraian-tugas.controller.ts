import type { Request, Response } from 'express';
import { desimalInput } from '../lib/angka.ts';
import { AppError } from '../lib/errors.ts';
import { fieldErrorsOf } from '../lib/field-error.ts';
import { fieldErrors, typedValues } from '../lib/form.ts';
import { idParam } from '../lib/id-param.ts';
import * as anjab from '../services/anjab.service.ts';
import { auditContext } from '../services/audit.service.ts';
import { uraianTugasSchema } from '../validation/anjab.schema.ts';

// Admin: the uraian tugas of a jabatan (the "kegiatan tugas jabatan" pegawai pick in Tambah Target Baru).

type Form = Awaited<ReturnType<typeof anjab.tugasUntukForm>>;
const renderForm = (res: Response, status: number, f: Form, values: Record<string, unknown>, errors: Record<string, string>) =>
  res.status(status).render(f.tugas ? 'anjab/tugas-edit' : 'anjab/tugas-new', {
    title: f.tugas ? 'Ubah uraian tugas' : 'Tambah uraian tugas',
    jabatan: f.jabatan,
    tugas: f.tugas,
    values,
    errors,
  });

const ids = (req: Request) => ({
  jabatanId: idParam(req.params.id),
  tugasId: req.params.tugasId ? idParam(req.params.tugasId) : undefined,
});

export async function baru(req: Request, res: Response): Promise<void> {
  renderForm(res, 200, await anjab.tugasUntukForm(ids(req).jabatanId), {}, {});
}

export async function ubahForm(req: Request, res: Response): Promise<void> {
  const { jabatanId, tugasId } = ids(req);
  const f = await anjab.tugasUntukForm(jabatanId, tugasId);
  const t = f.tugas!;
  renderForm(
    res,
    200,
    f,
    { ...t, volumePerTahun: desimalInput(t.volumePerTahun), normaWaktu: String(t.normaWaktu), urutan: String(t.urutan) },
    {},
  );
}

/** POST /anjab/:id/tugas (add) and POST /anjab/:id/tugas/:tugasId (edit). */
export async function simpan(req: Request, res: Response): Promise<void> {
  const { jabatanId, tugasId } = ids(req);
  const parsed = uraianTugasSchema.safeParse(req.body ?? {});
  if (!parsed.success)
    return void renderForm(res, 422, await anjab.tugasUntukForm(jabatanId, tugasId), typedValues(req.body), fieldErrors(parsed.error));
  try {
    if (tugasId) await anjab.ubahTugas(jabatanId, tugasId, parsed.data, auditContext(req));
    else await anjab.tambahTugas(jabatanId, parsed.data, auditContext(req));
  } catch (e) {
    const fields = e instanceof anjab.AnjabFieldError ? { [e.field]: e.message } : fieldErrorsOf(e);
    if (!fields) throw e;
    return void renderForm(res, 422, await anjab.tugasUntukForm(jabatanId, tugasId), typedValues(req.body), fields);
  }
  req.flash('success', tugasId ? 'Uraian tugas berhasil diubah.' : 'Uraian tugas berhasil ditambahkan.');
  res.redirect(303, `/anjab/${jabatanId}#uraian-tugas`);
}

export function setAktif(aktif: boolean) {
  return async (req: Request, res: Response): Promise<void> => {
    const { jabatanId, tugasId } = ids(req);
    const changed = await anjab.setTugasAktif(jabatanId, tugasId!, aktif, auditContext(req));
    if (changed)
      req.flash(
        'success',
        aktif ? 'Uraian tugas diaktifkan kembali.' : 'Uraian tugas dinonaktifkan; target yang memakainya tetap tersimpan.',
      );
    res.redirect(303, `/anjab/${jabatanId}#uraian-tugas`);
  };
}

export async function hapus(req: Request, res: Response): Promise<void> {
  const { jabatanId, tugasId } = ids(req);
  try {
    await anjab.hapusTugas(jabatanId, tugasId!, auditContext(req));
  } catch (e) {
    if (!(e instanceof AppError) || e.status !== 409) throw e;
    req.flash('danger', e.message);
    return void res.redirect(303, `/anjab/${jabatanId}#uraian-tugas`);
  }
  req.flash('success', 'Uraian tugas dihapus.');
  res.redirect(303, `/anjab/${jabatanId}#uraian-tugas`);
}
