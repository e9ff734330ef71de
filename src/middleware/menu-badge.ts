import type { NextFunction, Request, Response } from 'express';
import { todayIn } from '../domain/periode.ts';
import { timezone } from '../services/settings.service.ts';
import { menuVerifikasi } from '../services/verifikasi.service.ts';

/**
 * The "Verifikasi" menu and how many entries wait. Shown to whoever verifies someone today — direct subordinates
 * (now or in an earlier history row with entries left), a Plt/Plh in force, the pejabat puncak of a root unit — not
 * only to pegawai who have subordinates now (an atasan whose last subordinate left keeps that person's queue).
 */
export function menuBadge(fallbackTz: string) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    if (req.method === 'GET' && req.user) {
      // A badge is not worth a failed page: while realisasi is locked (lock_timeout) the page shows without it. null:
      // the session's read already met the lock; not waited for a second time here.
      const m =
        req.menuVerifikasi === undefined
          ? await menuVerifikasi(req.user.id, todayIn(await timezone(fallbackTz), req.now)).catch(() => undefined)
          : req.menuVerifikasi;
      res.locals.tampilVerifikasi = m?.ada;
      res.locals.menungguVerifikasi = m?.menunggu;
      res.locals.menungguTarget = m?.target;
    }
    next();
  };
}
