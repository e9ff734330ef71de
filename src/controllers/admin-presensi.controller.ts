import type { Request, Response } from 'express';
import { todayIn } from '../domain/periode.ts';
import { auditContext } from '../services/audit.service.ts';
import { importPresensiCsv, type PresensiImportResult, TEMPLATE_PRESENSI } from '../services/import/presensi.ts';
import { riwayatImporPresensi } from '../services/presensi.service.ts';
import { timezone } from '../services/settings.service.ts';

type Locals = { tahun: string; result?: PresensiImportResult; namaBerkas?: string; uploadError?: string };

async function render(res: Response, status: number, locals: Locals, tz: string) {
  const zona = await timezone(tz);
  res.status(status).render('admin/presensi', { title: 'Impor Presensi', riwayat: await riwayatImporPresensi(), zona, ...locals });
}

export function index(tz: string) {
  return async (req: Request, res: Response): Promise<void> =>
    render(res, 200, { tahun: todayIn(await timezone(tz), req.now).slice(0, 4) }, tz);
}

export function template(_req: Request, res: Response): void {
  res.attachment('templat-presensi.csv').type('text/csv; charset=utf-8').send(TEMPLATE_PRESENSI);
}

export function upload(tz: string) {
  return async (req: Request, res: Response): Promise<void> => {
    const today = todayIn(await timezone(tz), req.now);
    const tahunText = String(req.body?.tahun ?? '').trim();
    const tahun = Number(tahunText);
    if (!/^\d{4}$/.test(tahunText) || tahun > Number(today.slice(0, 4)) || tahun < 2000)
      return render(res, 422, { tahun: tahunText, uploadError: 'Tahun presensi harus 4 digit dan tidak melewati tahun ini.' }, tz);
    const file = req.file;
    if (req.uploadError) return render(res, 422, { tahun: tahunText, uploadError: req.uploadError }, tz);
    if (!file || file.size === 0) return render(res, 422, { tahun: tahunText, uploadError: 'Pilih berkas CSV terlebih dahulu.' }, tz);
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(file.buffer);
    } catch {
      return render(
        res,
        422,
        { tahun: tahunText, uploadError: 'Berkas bukan teks UTF-8. Di Excel pilih "Simpan sebagai" → "CSV UTF-8".' },
        tz,
      );
    }
    const result = await importPresensiCsv(text, { ...auditContext(req), namaFile: file.originalname, tahun, today });
    await render(res, result.ok ? 200 : 422, { tahun: tahunText, result, namaBerkas: file.originalname }, tz);
  };
}
