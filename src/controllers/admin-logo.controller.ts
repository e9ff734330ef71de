import type { Request, Response } from 'express';
import { fileTypeFromBuffer } from 'file-type';
import multer from 'multer';
import { multipart } from '../middleware/upload.ts';
import { auditContext } from '../services/audit.service.ts';
import { simpanLogo } from '../services/logo.service.ts';

const LOGO_MAX_BYTES = 200 * 1024;
export const uploadLogo = multipart(
  multer({ storage: multer.memoryStorage(), limits: { fileSize: LOGO_MAX_BYTES, files: 1, fields: 5 } }).single('logo'),
);

const render = (res: Response, status: number, error?: string) =>
  res.status(status).render('admin/logo', { title: 'Logo Pemda', errors: error ? { logo: error } : {} });

export function show(_req: Request, res: Response): void {
  render(res, 200);
}

/** POST /admin/pengaturan/logo — PNG or JPG up to 200 KB, checked by content; or "hapus" to return to the default. */
export async function save(req: Request, res: Response): Promise<void> {
  if (req.body?.hapus === '1') {
    await simpanLogo(null, auditContext(req));
    req.flash('success', 'Logo Pemda dikembalikan ke logo bawaan.');
    return res.redirect(303, '/admin/pengaturan/logo');
  }
  const file = req.file;
  if (!file) return render(res, 422, 'Pilih berkas logo (PNG atau JPG).');
  const type = await fileTypeFromBuffer(file.buffer);
  if (!type || (type.mime !== 'image/png' && type.mime !== 'image/jpeg')) return render(res, 422, 'Logo harus berupa berkas PNG atau JPG.');
  await simpanLogo({ mime: type.mime, data: file.buffer }, auditContext(req));
  req.flash('success', 'Logo Pemda disimpan.');
  res.redirect(303, '/admin/pengaturan/logo');
}

/**
 * Multer's refusals become the form's message, not an error page: the size, and the other limits (more than 5 fields,
 * a second file, a file under another name), which used to reach the error handler as a 500.
 */
export function logoUploadErrors(err: unknown, _req: Request, res: Response, next: (e?: unknown) => void): void {
  const code = (err as { code?: string })?.code;
  if (code === 'LIMIT_FILE_SIZE') return render(res, 422, 'Ukuran logo paling besar 200 KB.');
  if (code?.startsWith('LIMIT_')) return render(res, 422, 'Berkas yang dikirim tidak dapat diterima. Kirim satu berkas logo saja.');
  next(err);
}
