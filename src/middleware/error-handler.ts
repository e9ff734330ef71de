import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import multer from 'multer';
import { AppError } from '../lib/errors.ts';
import { logger } from '../lib/logger.ts';
import { setViewLocals } from './locals.ts';
import { loggableUrl } from './request-id.ts';

const TITLES: Record<number, string> = {
  400: 'Permintaan tidak valid',
  403: 'Akses ditolak',
  404: 'Tidak ditemukan',
  409: 'Data sudah ada',
  413: 'Data terlalu besar',
  422: 'Isian tidak valid',
  429: 'Terlalu banyak permintaan',
  500: 'Terjadi kesalahan',
  503: 'Layanan sementara tidak tersedia',
};

const DB_DOWN_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  '57P01',
  '57P02',
  '57P03',
  '08006',
  '08001',
  'P1001',
  'P1017',
  'P2024',
]);

function isDatabaseDown(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string }; message?: string; name?: string };
  if (DB_DOWN_CODES.has(e?.code ?? '') || DB_DOWN_CODES.has(e?.cause?.code ?? '')) return true;
  if (e?.name === 'DriverAdapterError' && /DatabaseNotReachable|ConnectionClosed|SocketTimeout|TooManyConnections/.test(JSON.stringify(e)))
    return true;
  return /Connection terminated|connect ECONNREFUSED|timeout exceeded when trying to connect|Can't reach database/i.test(e?.message ?? '');
}

/** The SQLSTATE of a PostgreSQL error, however Prisma or its pg adapter wrapped it. */
export function sqlStateOf(err: unknown): string | undefined {
  type Cause = { originalCode?: unknown; code?: unknown };
  const e = err as { code?: unknown; cause?: Cause; meta?: { code?: unknown; driverAdapterError?: { cause?: Cause } } } | undefined;
  const candidates = [
    e?.code,
    e?.cause?.originalCode,
    e?.cause?.code,
    e?.meta?.code,
    e?.meta?.driverAdapterError?.cause?.originalCode,
    e?.meta?.driverAdapterError?.cause?.code,
  ];
  // P1xxx/P2xxx are Prisma's own codes, not SQLSTATEs (PL/pgSQL's are P0xxx).
  return candidates.find((c): c is string => typeof c === 'string' && /^[0-9A-Z]{5}$/.test(c) && !/^P[1-9]/.test(c));
}

// Values PostgreSQL refused (class 22: NUL in text, a number beyond its column, a malformed timestamp) are the
// client's bad input that a schema let through: 422, not a 500 with a full error log. The schemas are the first line.
const BAD_VALUE = (code: string) => code.startsWith('22');
// A statement or a lock wait that ran out of time (statement_timeout / lock_timeout): the server is busy, not broken.
const BUSY = new Set(['57014', '55P03']);
const UNIQUE_PRISMA = new Set(['P2002']);
const BAD_VALUE_PRISMA = new Set(['P2000', 'P2007', 'P2020', 'P2033']);

function statusOf(err: unknown): number {
  if (err instanceof AppError) return err.status;
  const e = err as { code?: string; status?: number; statusCode?: number; type?: string };
  if (e?.code === 'EBADCSRFTOKEN') return 403;
  if (e?.type === 'entity.too.large' || e?.code === 'LIMIT_FILE_SIZE') return 413;
  // multer's other refusals (a file under another field name, a second file, too many fields): the client's upload
  if (err instanceof multer.MulterError) return 400;
  if (isDatabaseDown(err)) return 503;
  const state = sqlStateOf(err);
  const prismaCode = typeof e?.code === 'string' && /^P\d{4}$/.test(e.code) ? e.code : '';
  if (state === '23505' || UNIQUE_PRISMA.has(prismaCode)) return 409;
  if ((state && BAD_VALUE(state)) || BAD_VALUE_PRISMA.has(prismaCode)) return 422;
  if (state && BUSY.has(state)) return 503;
  // the server going away mid-request (57: shutdown, 08: connection lost, 53: out of connections) is "down", not a bug
  if (state && /^(57|08|53)/.test(state)) return 503;
  const s = e?.status ?? e?.statusCode;
  return typeof s === 'number' && s >= 400 && s < 500 ? s : 500;
}

function messageOf(err: unknown, status: number): string {
  if (err instanceof AppError) return err.message;
  if ((err as { code?: string })?.code === 'EBADCSRFTOKEN')
    return 'Formulir sudah kedaluwarsa atau tidak sah. Muat ulang halaman, lalu kirim kembali.';
  if (status === 413) return 'Data yang dikirim melebihi batas ukuran yang diizinkan.';
  if (err instanceof multer.MulterError)
    return 'Berkas atau isian yang dikirim tidak dapat diterima. Periksa formulir, lalu kirim kembali.';
  if (status === 409)
    return 'Data yang sama sudah tersimpan (mungkin terkirim dua kali, atau dibuat orang lain bersamaan). Muat ulang halaman untuk melihatnya.';
  if (status === 422) return 'Isian berisi nilai yang tidak dapat diterima. Periksa kembali isian Anda.';
  if (status === 503 && BUSY.has(sqlStateOf(err) ?? '')) return 'Server sedang sibuk memproses data ini. Coba lagi beberapa saat lagi.';
  if (status === 503) return 'Basis data sedang tidak dapat dihubungi. Coba lagi beberapa saat lagi.';
  if (status === 404) return 'Halaman atau data yang Anda cari tidak ditemukan.';
  if (status < 500) return 'Permintaan tidak dapat diproses.';
  return 'Maaf, terjadi kesalahan pada sistem. Laporkan nomor insiden di bawah kepada admin bila berulang.';
}

export function notFound(_req: Request, _res: Response, next: NextFunction): void {
  next(new AppError('Halaman atau data yang Anda cari tidak ditemukan.', 404));
}

/** The one error handler: a page in Bahasa Indonesia with an incident id, never a stack trace. */
export function errorHandler(err: unknown, req: Request, res: Response, _next: NextFunction): void {
  const status = statusOf(err);
  const incidentId = (req.id as string | undefined) ?? randomUUID();
  const url = loggableUrl(req.originalUrl);
  if (status >= 500) logger.error({ err, incidentId, url }, 'request failed');
  else logger.info({ status, incidentId, url, msg: (err as Error)?.message }, 'request refused');
  if (res.headersSent) return void res.end();
  res.status(status);
  if (status === 503) res.setHeader('Retry-After', '10');
  const judul = err instanceof AppError ? (err.judul ?? (status === 409 ? 'Tidak dapat diproses' : undefined)) : undefined;
  const view = { title: judul ?? TITLES[status] ?? TITLES[500], status, message: messageOf(err, status), incidentId };
  if (req.accepts(['html', 'json']) === 'json') return void res.json({ error: view.message, incidentId });
  // The page is rendered here with its layout, not through res.render: a request refused before the view locals and
  // the layout middleware ran (another site's POST, a bad CSRF token, a body too large, the session store failing)
  // gets the same full page as any other.
  if (res.locals.asset === undefined) setViewLocals(req, res, 'e-Kinerja');
  res.setHeader('Cache-Control', 'no-store');
  // an error page never takes the flash messages meant for the next page (middleware/flash.ts)
  const options = { ...res.locals, takeFlash: () => [], hasFlash: () => false, ...view };
  const app = req.app;
  app.render('errors/error', options, (bodyErr, body) => {
    if (bodyErr) return fallback(bodyErr, '');
    app.render('layouts/main', { ...options, body }, fallback);
  });
  function fallback(renderErr: Error | null, html: string): void {
    if (renderErr) {
      logger.error({ err: renderErr, incidentId }, 'error page failed to render');
      res.type('text/plain').send(`${view.title}. ${view.message} (insiden ${incidentId})`);
      return;
    }
    res.type('html').send(html);
  }
}
