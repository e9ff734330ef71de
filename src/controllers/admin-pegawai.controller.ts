import type { Request, Response } from 'express';
import { STATUS_PTKP } from '../domain/aturan-tpp.ts';
import { GOLONGAN, PERAN, PERAN_LABEL } from '../domain/kepegawaian.ts';
import { decodeNip } from '../domain/nip.ts';
import { formatTanggal, namaBulan, todayIn } from '../domain/periode.ts';
import { NotFoundError } from '../lib/errors.ts';
import { fieldErrorsOf } from '../lib/field-error.ts';
import { fieldErrors, typedValues } from '../lib/form.ts';
import { idParam, queryId, queryPage } from '../lib/id-param.ts';
import { jabatanOptions } from '../services/admin-jabatan.service.ts';
import {
  createPegawai,
  getPegawai,
  listPegawai,
  resetPassword,
  setPegawaiAktif,
  updatePegawai,
} from '../services/admin-pegawai.service.ts';
import { unitTree } from '../services/admin-unit-kerja.service.ts';
import { auditContext } from '../services/audit.service.ts';
import { timezone } from '../services/settings.service.ts';
import { pegawaiSchema } from '../validation/admin-pegawai.schema.ts';

/** What the NIP says (DOMAIN.md): shown beside the field so the admin can check it against the SK. */
function nipInfo(nip: unknown) {
  const d = decodeNip(String(nip ?? ''));
  if (!d.ok) return null;
  const [y, m] = d.info.tmtCpns.split('-').map(Number);
  return {
    tanggalLahir: formatTanggal(d.info.tanggalLahir),
    tmtCpns: `${namaBulan(m)} ${y}`,
    jenisKelamin: d.info.jenisKelamin === 'L' ? 'Laki-laki' : 'Perempuan',
  };
}

export async function index(req: Request, res: Response): Promise<void> {
  const q = String(req.query.q ?? '').slice(0, 100);
  const unitId = queryId(req.query.unit);
  const page = queryPage(req.query.hal, 10_000);
  const [list, units] = await Promise.all([listPegawai({ q, unitId, page }), unitTree()]);
  res.render('admin/pegawai/index', { title: 'Pegawai', ...list, page, units, filter: { q, unit: unitId ?? '' } });
}

type FormLocals = { id?: number; values: Record<string, unknown>; errors?: Record<string, string>; pegawai?: unknown };
async function renderForm(res: Response, status: number, locals: FormLocals) {
  const [units, jabatan] = await Promise.all([unitTree(), jabatanOptions()]);
  res.status(status).render('admin/pegawai/form', {
    title: locals.id ? 'Ubah Pegawai' : 'Tambah Pegawai',
    errors: {},
    units: units.filter((u) => u.aktif || u.id === Number(locals.values.unitId)),
    jabatan,
    golongan: GOLONGAN,
    peranOptions: PERAN.map((p) => ({ value: p, label: PERAN_LABEL[p] })),
    statusPtkp: STATUS_PTKP,
    nip: nipInfo(locals.values.nip),
    ...locals,
  });
}

export async function newForm(_req: Request, res: Response): Promise<void> {
  await renderForm(res, 200, { values: { peran: 'PEGAWAI' } });
}

export async function editForm(req: Request, res: Response): Promise<void> {
  const p = await getPegawai(idParam(req.params.id));
  if (!p) throw new NotFoundError();
  const values = {
    ...p,
    tmt: p.tmt ? p.tmt.toISOString().slice(0, 10) : '',
    golongan: p.golongan ?? '',
    jabatanId: p.jabatanId ?? '',
    unitId: p.unitId ?? '',
    nipAtasan: p.atasan?.nip ?? '',
    bankNama: p.bankNama ?? '',
    rekening: p.rekening ?? '',
    gaji: p.gaji === null ? '' : String(p.gaji),
    statusPtkp: p.statusPtkp ?? '',
    peran: p.peran.join(','),
  };
  await renderForm(res, 200, { id: p.id, values, pegawai: p });
}

export async function save(req: Request, res: Response): Promise<void> {
  const id = req.params.id ? idParam(req.params.id) : undefined;
  const values = typedValues(req.body);
  const pegawai = id ? await getPegawai(id) : undefined;
  if (id && !pegawai) throw new NotFoundError();
  const parsed = pegawaiSchema.safeParse(req.body ?? {});
  if (!parsed.success) return renderForm(res, 422, { id, values, pegawai, errors: fieldErrors(parsed.error) });
  try {
    if (id) {
      await updatePegawai(id, parsed.data, auditContext(req));
    } else {
      const created = await createPegawai(parsed.data, auditContext(req));
      // Rendered, not redirected: the temporary password exists only in this response.
      return void res.status(201).render('admin/pegawai/password', {
        title: 'Akun Dibuat',
        nama: parsed.data.nama,
        nip: parsed.data.nip,
        password: created.password,
        id: created.id,
        baru: true,
      });
    }
  } catch (err) {
    const fields = fieldErrorsOf(err);
    if (fields) return renderForm(res, 422, { id, values, pegawai, errors: fields });
    throw err;
  }
  req.flash('success', `Data ${parsed.data.nama} tersimpan.`);
  res.redirect(303, `/admin/pegawai/${id}/ubah`);
}

export function setAktif(aktif: boolean, tzDefault: string) {
  return async (req: Request, res: Response): Promise<void> => {
    const id = idParam(req.params.id);
    // the last day of service: the form's date, else the Pemda's today
    const hari = String(req.body?.berhenti ?? '').trim();
    const berhenti =
      /^\d{4}-\d{2}-\d{2}$/.test(hari) && !Number.isNaN(Date.parse(hari)) ? hari : todayIn(await timezone(tzDefault), req.now);
    const result = await setPegawaiAktif(id, aktif, auditContext(req), aktif ? undefined : berhenti);
    if (!result.ok) req.flash('danger', result.pesan);
    else if (aktif) req.flash('success', 'Akun diaktifkan kembali.');
    else {
      req.flash('success', 'Akun dinonaktifkan dan seluruh sesinya diakhiri. Riwayatnya tetap tersimpan.');
      if (result.bawahan > 0)
        req.flash('warning', `${result.bawahan} bawahan masih menunjuk pegawai ini sebagai atasan langsung; ubah atasan mereka.`);
    }
    res.redirect(303, `/admin/pegawai/${id}/ubah`);
  };
}

export async function reset(req: Request, res: Response): Promise<void> {
  const done = await resetPassword(idParam(req.params.id), auditContext(req));
  if (!done) throw new NotFoundError();
  res.render('admin/pegawai/password', { title: 'Password Direset', ...done, id: Number(req.params.id), baru: false });
}
