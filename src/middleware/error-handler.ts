import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { AppError } from '../lib/errors.ts';
import { logger } from '../lib/logger.ts';

const TITLES: Record<number, string> = {
  400: 'Permintaan tidak valid',
  403: 'Akses ditolak',
  404: 'Tidak ditemukan',
  413: 'Data terlalu besar',
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

function statusOf(err: unknown): number {
  if (err instanceof AppError) return err.status;
  const e = err as { code?: string; status?: number; statusCode?: number; type?: string };
  if (e?.code === 'EBADCSRFTOKEN') return 403;
  if (e?.type === 'entity.too.large' || e?.code === 'LIMIT_FILE_SIZE') return 413;
  if (isDatabaseDown(err)) return 503;
  const s = e?.status ?? e?.statusCode;
  return typeof s === 'number' && s >= 400 && s < 500 ? s : 500;
}

function messageOf(err: unknown, status: number): string {
  if (err instanceof AppError) return err.message;
  if ((err as { code?: string })?.code === 'EBADCSRFTOKEN')
    return 'Formulir sudah kedaluwarsa atau tidak sah. Muat ulang halaman, lalu kirim kembali.';
  if (status === 413) return 'Data yang dikirim melebihi batas ukuran yang diizinkan.';
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
  if (status >= 500) logger.error({ err, incidentId, url: req.originalUrl }, 'request failed');
  else logger.info({ status, incidentId, url: req.originalUrl, msg: (err as Error)?.message }, 'request refused');
  if (res.headersSent) return void res.end();
  res.status(status);
  if (status === 503) res.setHeader('Retry-After', '10');
  const view = { title: TITLES[status] ?? TITLES[500], status, message: messageOf(err, status), incidentId };
  if (req.accepts(['html', 'json']) === 'json') return void res.json({ error: view.message, incidentId });
  res.render('errors/error', view, (renderErr, html) => {
    if (renderErr) {
      logger.error({ err: renderErr, incidentId }, 'error page failed to render');
      res.type('text/plain').send(`${view.title}. ${view.message} (insiden ${incidentId})`);
      return;
    }
    res.send(html);
  });
}
