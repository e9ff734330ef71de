import type { NextFunction, Request, Response } from 'express';
import { ForbiddenError } from '../lib/errors.ts';
import { bolehBukaPembayaran } from '../policies/pembayaran.policy.ts';
import { bolehBukaDashboard } from '../policies/pimpinan.policy.ts';

/** Anonymous → /login (remembering a GET page to come back to). */
export function requireAuth(req: Request, res: Response, next: NextFunction): void {
  if (req.user) return next();
  if (req.method === 'GET' && req.session) req.session.returnTo = req.originalUrl;
  res.redirect(303, '/login');
}

export function requireAdmin(req: Request, res: Response, next: NextFunction): void {
  if (!req.user) return requireAuth(req, res, next);
  if (!req.user.isAdmin) return next(new ForbiddenError('Halaman ini hanya untuk admin kepegawaian.'));
  next();
}

/** Pimpinan (their unit subtree) and admin: the dashboard and the unit reports. */
export function requirePimpinan(req: Request, res: Response, next: NextFunction): void {
  if (!req.user) return requireAuth(req, res, next);
  if (!bolehBukaDashboard(req.user)) return next(new ForbiddenError('Halaman ini hanya untuk pimpinan dan admin.'));
  next();
}

/** Bendahara (the OPD of their unit) and admin: the daftar pembayaran TPP (issue 22). */
export function requireBendahara(req: Request, res: Response, next: NextFunction): void {
  if (!req.user) return requireAuth(req, res, next);
  if (!bolehBukaPembayaran(req.user)) return next(new ForbiddenError('Halaman ini hanya untuk bendahara dan admin.'));
  next();
}

/** A returnTo that stays on this site: a relative path, never "//host" or "/\host". */
export function safeReturnTo(value: unknown): string {
  if (typeof value !== 'string') return '/';
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\') || /[\r\n\t]/.test(value)) return '/';
  return value;
}
