import type { NextFunction, Request, Response } from 'express';
import { ForbiddenError } from '../lib/errors.ts';

const ALLOWED = new Set(['/akun/password', '/logout']);

/** A pegawai holding a temporary password goes to "Ubah Password" on every request until they have changed it. */
export function mustChangePassword(req: Request, res: Response, next: NextFunction): void {
  if (!req.user?.mustChangePassword || ALLOWED.has(req.path)) return next();
  if (req.method === 'GET' || req.method === 'HEAD') return res.redirect(303, '/akun/password');
  next(new ForbiddenError('Ganti password sementara Anda terlebih dahulu (menu Ubah Password).'));
}
