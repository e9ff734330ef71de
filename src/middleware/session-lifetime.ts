import type { NextFunction, Request, Response } from 'express';
import * as clock from '../lib/clock.ts';

/** Absolute session lifetime: after `maxHours` from login the session ends, active or not (idle timeout is the cookie's rolling maxAge). */
export function sessionLifetime(maxHours: number) {
  const maxMs = maxHours * 3600_000;
  return (req: Request, res: Response, next: NextFunction): void => {
    const loginAt = req.session?.loginAt;
    if (req.user && loginAt && clock.now().getTime() - loginAt > maxMs) {
      req.session.destroy(() => {
        res.clearCookie('ekinerja.sid');
        res.redirect(303, '/login?berakhir=1');
      });
      return;
    }
    next();
  };
}
