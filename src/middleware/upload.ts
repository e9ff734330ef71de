import { createHash } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { fileTypeFromBuffer } from 'file-type';
import multer from 'multer';
import { AppError } from '../lib/errors.ts';

export const BUKTI_MAX_BYTES = 2 * 1024 * 1024;
const ALLOWED = new Set(['application/pdf', 'image/jpeg', 'image/png']);

export type BuktiUpload = { namaFile: string; mime: string; ukuran: number; sha256: string; data: Buffer };

declare global {
  namespace Express {
    interface Request {
      bukti?: BuktiUpload;
    }
  }
}

/**
 * A multer parser whose own refusals stay MulterErrors (LIMIT_*: each form words them), while a body the multipart
 * parser cannot read at all (cut off, a malformed part header, no boundary: busboy's plain Errors) is the client's
 * fault, a 400 page, not a 500.
 */
export function multipart(parse: RequestHandler): RequestHandler {
  return (req, res, next) =>
    parse(req, res, (err?: unknown) => {
      if (!err || err instanceof multer.MulterError) return next(err);
      next(new AppError('Formulir yang dikirim terpotong atau rusak. Muat ulang halaman, lalu kirim kembali.', 400));
    });
}

const parser = multipart(
  multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: BUKTI_MAX_BYTES, files: 1, fields: 40, fieldSize: 20_000, parts: 50 },
  }).single('bukti'),
);

/**
 * Parses a multipart form with an optional "bukti dukung" (PDF/JPG/PNG ≤ 2 MB). The type is read from the content
 * (magic bytes), not trusted from the name or the browser. A refused file does not lose the form: the route
 * re-renders it with req.uploadError next to the field.
 */
export function uploadBukti(req: Request, res: Response, next: NextFunction): void {
  parser(req, res, async (err: unknown) => {
    req.body ??= {};
    // Multipart fields are parsed here, after the app-wide control-character guard: their schemas refuse control
    // characters next to the field (tests/integration/realisasi.test.ts), and a value PostgreSQL refuses is a 422.
    if (err) {
      const code = (err as { code?: string }).code;
      if (code === 'LIMIT_FILE_SIZE') req.uploadError = 'Ukuran bukti dukung paling besar 2 MB.';
      else if (code?.startsWith('LIMIT_')) req.uploadError = 'Berkas yang dikirim tidak dapat diterima.';
      else return next(err);
      return next();
    }
    const file = req.file;
    if (!file || file.size === 0) return next();
    const type = await fileTypeFromBuffer(file.buffer);
    if (!type || !ALLOWED.has(type.mime)) {
      req.uploadError = 'Bukti dukung harus berupa berkas PDF, JPG atau PNG.';
      return next();
    }
    const ext = type.ext === 'jpg' ? 'jpg' : type.ext;
    // The stored name is ours: the original name only lends its readable stem, the extension follows the content.
    const stem = (
      file.originalname
        .replace(/\.[^.]*$/, '')
        .replace(/[^\p{L}\p{N} _.-]/gu, '')
        .trim() || 'bukti'
    ).slice(0, 120);
    req.bukti = {
      namaFile: `${stem}.${ext}`,
      mime: type.mime,
      ukuran: file.size,
      sha256: createHash('sha256').update(file.buffer).digest('hex'),
      data: file.buffer,
    };
    next();
  });
}

/**
 * A CSV file in the field "berkas" of at most `maxBytes` (an import's form). A file too large is `req.uploadError`
 * ("Ukuran berkas paling besar … MB"), which the form shows next to the field, not an error page.
 */
export function uploadCsv(maxBytes: number): RequestHandler {
  const parse = multipart(multer({ storage: multer.memoryStorage(), limits: { fileSize: maxBytes, files: 1 } }).single('berkas'));
  return (req, res, next) =>
    parse(req, res, (err?: unknown) => {
      req.body ??= {};
      if ((err as { code?: string } | undefined)?.code === 'LIMIT_FILE_SIZE')
        req.uploadError = `Ukuran berkas paling besar ${Math.round(maxBytes / 1024 / 1024)} MB.`;
      else if (err) return next(err);
      next();
    });
}
