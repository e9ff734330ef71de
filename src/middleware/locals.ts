import type { NextFunction, Request, Response } from 'express';
import { formatPersen } from '../domain/capaian.ts';
import { formatTanggal, namaBulan } from '../domain/periode.ts';
import { formatRupiah } from '../domain/tpp.ts';
import { asset } from '../lib/assets.ts';
import { formatAngka, formatWaktu } from '../lib/format.ts';

/** What every view may use: the user, the CSRF token, asset URLs, the current path. */
export function setViewLocals(req: Request, res: Response, appName: string): void {
  res.locals.user = req.user ?? null;
  res.locals.appName = appName;
  res.locals.asset = asset;
  Object.assign(res.locals, { formatTanggal, formatAngka, formatWaktu, formatPersen, formatRupiah, namaBulan });
  res.locals.path = req.path;
  res.locals.csrfToken = () => req.csrfToken?.() ?? '';
}

export function locals(appName: string) {
  return (req: Request, res: Response, next: NextFunction): void => {
    setViewLocals(req, res, appName);
    // Pages are personal or carry a CSRF token: never stored by the browser or a proxy.
    res.setHeader('Cache-Control', 'no-store');
    next();
  };
}
