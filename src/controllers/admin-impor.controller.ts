import type { Request, Response } from 'express';
import { todayIn } from '../domain/periode.ts';
import { adminRingkasan } from '../services/admin.service.ts';
import { auditContext } from '../services/audit.service.ts';
import { importAnjabCsv, TEMPLATE_ANJAB } from '../services/import/anjab.ts';
import { importPegawaiCsv, passwordsCsv, TEMPLATE_PEGAWAI } from '../services/import/pegawai.ts';
import { timezone } from '../services/settings.service.ts';

export async function dashboard(_req: Request, res: Response): Promise<void> {
  const n = await adminRingkasan();
  const cards = [
    { href: '/admin/unit-kerja', label: 'Unit Kerja', jumlah: n.unit, keterangan: 'Pohon organisasi: Pemda, OPD, bidang, seksi.' },
    {
      href: '/admin/jabatan',
      label: 'Jabatan',
      jumlah: n.jabatan,
      keterangan: `Jenis, kelas, unit, atasan jabatan · ${n.tugas} uraian tugas.`,
    },
    { href: '/admin/pegawai', label: 'Pegawai', jumlah: n.pegawai, keterangan: 'Akun aktif: NIP, golongan, jabatan, atasan, peran.' },
    { href: '/admin/impor', label: 'Impor CSV', jumlah: null, keterangan: 'Pegawai dan Anjab dari berkas Excel (CSV).' },
    {
      href: '/admin/pengaturan',
      label: 'Pengaturan',
      jumlah: null,
      keterangan: 'Zona waktu, batas input, WKE, TPP, jam kerja.',
    },
    { href: '/admin/audit', label: 'Log Audit', jumlah: null, keterangan: 'Siapa mengubah apa dan kapan.' },
  ];
  res.render('admin/index', { title: 'Admin', cards });
}

export function index(_req: Request, res: Response): void {
  res.render('admin/impor/index', { title: 'Impor CSV' });
}

export function template(kind: 'pegawai' | 'anjab') {
  return (_req: Request, res: Response): void => {
    res
      .attachment(`templat-${kind}.csv`)
      .type('text/csv; charset=utf-8')
      .send(kind === 'pegawai' ? TEMPLATE_PEGAWAI : TEMPLATE_ANJAB);
  };
}

export function upload(kind: 'pegawai' | 'anjab') {
  return async (req: Request, res: Response): Promise<void> => {
    const file = req.file;
    const fail = (pesan: string) => res.status(422).render('admin/impor/index', { title: 'Impor CSV', uploadError: { kind, pesan } });
    if (!file || file.size === 0) return void fail('Pilih berkas CSV terlebih dahulu.');
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(file.buffer);
    } catch {
      return void fail('Berkas bukan teks UTF-8. Di Excel pilih "Simpan sebagai" → "CSV UTF-8".');
    }
    // A changed jabatan/unit/atasan is a mutasi from the import's day (the Pemda's date; APP_TIMEZONE as at boot).
    const opts = { ...auditContext(req), tmt: todayIn(await timezone(process.env.APP_TIMEZONE ?? 'Asia/Jakarta'), req.now) };
    const result = kind === 'pegawai' ? await importPegawaiCsv(text, opts) : await importAnjabCsv(text, opts);
    // The temporary passwords leave the server only inside this response (a data: link), never stored or logged.
    const passwordFile = result.passwords.length
      ? `data:text/csv;charset=utf-8;base64,${Buffer.from(passwordsCsv(result.passwords)).toString('base64')}`
      : null;
    res.status(result.ok ? 200 : 422).render('admin/impor/hasil', {
      title: result.ok ? 'Impor Berhasil' : 'Impor Gagal',
      kind,
      namaBerkas: file.originalname,
      result,
      passwordFile,
      stamp: req.now.toISOString().slice(0, 16).replace(/[-:T]/g, ''),
    });
  };
}
