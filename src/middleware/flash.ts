import type { NextFunction, Request, Response } from 'express';

/** One-shot messages carried across a redirect (e.g. "Realisasi berhasil disimpan"). */
export function flash(req: Request, res: Response, next: NextFunction): void {
  req.flash = (type, message) => {
    if (!req.session) return;
    req.session.flash = [...(req.session.flash ?? []), { type, message }];
  };
  res.locals.flash = req.session?.flash ?? [];
  if (req.session?.flash) delete req.session.flash;
  next();
}
