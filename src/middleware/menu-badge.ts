import type { NextFunction, Request, Response } from 'express';
import { jumlahMenunggu } from '../services/verifikasi.service.ts';

/** The "Verifikasi" menu shows how many entries wait: one indexed count, only for pegawai who have subordinates. */
export async function menuBadge(req: Request, res: Response, next: NextFunction): Promise<void> {
  if (req.method === 'GET' && req.user && req.user.jumlahBawahan > 0) {
    // A badge is not worth a failed page: while realisasi is locked (lock_timeout) the page shows without it.
    res.locals.menungguVerifikasi = await jumlahMenunggu(req.user.id).catch(() => undefined);
  }
  next();
}
